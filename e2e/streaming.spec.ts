import { app } from './support/app-page';
import { TRAVEL_PLAN, TRAVEL_PLAN_END, TRAVEL_PLAN_START } from './support/prompts';
import { expect, test } from './support/web-mode-test';

test.describe('chat', () => {
  test('a prompt sent with Enter streams its answer in, then shows the answer complete with its usage', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 40 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await app.send(page, TRAVEL_PLAN);
    const answer = app.answer(page);
    await expect(answer).toHaveAttribute('data-status', 'streaming');
    await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');
    const early = (await app.answerText(page).textContent()) ?? '';
    await expect(answer).toHaveAttribute('data-status', 'streaming');
    await expect(app.runState(page)).toHaveText('streaming');
    await app.screenshot(page, 'streaming');

    await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
    const final = (await app.answerText(page).textContent()) ?? '';
    expect(final.length).toBeGreaterThan(early.length);
    expect(final).toContain(TRAVEL_PLAN_START);
    expect(final).toContain(TRAVEL_PLAN_END);
    await expect(answer.getByTestId('message-usage')).toContainText(/total \d+/);
    await expect(app.runState(page)).toHaveText('completed');
    await expect(app.timeline(page).locator('[data-kind="completed"]')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Conversations' })).toContainText(
      'Write a detailed day-by-day travel plan',
    );
    await app.screenshot(page, 'streaming-complete');
  });
});
