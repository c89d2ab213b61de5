import { app, occurrences } from './support/app-page';
import { TRAVEL_PLAN, TRAVEL_PLAN_END, TRAVEL_PLAN_START } from './support/prompts';
import { expect, test } from './support/web-mode-test';

test.describe('reconciliation', () => {
  test('a host killed with SIGKILL mid-stream and started again has the finished answer in the conversation', async ({
    page,
    webMode,
  }) => {
    const first = await webMode.start({ demoPace: 30 });
    await app.open(page, first.url);
    await app.waitForWorker(page, 'ready');
    await app.send(page, TRAVEL_PLAN);
    await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');

    await first.kill();
    await expect(page.getByText('Connection to the host lost — reconnecting…')).toBeVisible();
    await app.screenshot(page, 'host-killed');

    // A new host on the same data folder (a new address and token, as `npm run web` prints them).
    const second = await webMode.start({ demoPace: 60 });
    await app.open(page, second.url);
    await page
      .getByRole('list', { name: 'Conversation list' })
      .getByRole('button', { name: /^Write a detailed day-by-day travel plan/ })
      .click();
    const answer = app.answer(page);
    await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });
    const final = (await app.answerText(page).textContent()) ?? '';
    expect(occurrences(final, TRAVEL_PLAN_START)).toBe(1);
    expect(occurrences(final, 'Day 1: Arrive in Tokyo')).toBe(1);
    expect(final).toContain(TRAVEL_PLAN_END);
    await expect(page.getByRole('listitem', { name: 'Agent answer' })).toHaveCount(1);
    await expect(app.runState(page)).toHaveText('completed');
    await app.screenshot(page, 'host-restarted');
  });
});
