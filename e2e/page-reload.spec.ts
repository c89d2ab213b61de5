import { app } from './support/app-page';
import { TRAVEL_PLAN, TRAVEL_PLAN_END } from './support/prompts';
import { expect, test } from './support/web-mode-test';

test.describe('reconnecting', () => {
  test('a page reloaded mid-stream shows the partial text at once, then the rest as it streams', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 30 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    await app.send(page, TRAVEL_PLAN);
    await expect(app.answerText(page)).toContainText('Day 2: Explore Asakusa');
    const before = (await app.answerText(page).textContent()) ?? '';

    await page.reload();
    // The conversation is in the address (#/conversation/<id>): it reopens with its live text.
    await expect(app.answerText(page)).toContainText(before, { timeout: 3_000 });
    await expect(app.answer(page)).toHaveAttribute('data-status', 'streaming');
    await app.screenshot(page, 'page-reloaded-mid-stream');

    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
    const final = (await app.answerText(page).textContent()) ?? '';
    expect(final.startsWith(before.trimEnd().slice(0, -1))).toBe(true);
    expect(final).toContain(TRAVEL_PLAN_END);
    await expect(app.runState(page)).toHaveText('completed');
  });
});
