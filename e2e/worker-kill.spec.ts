import { app, occurrences } from './support/app-page';
import { TRAVEL_PLAN, TRAVEL_PLAN_END, TRAVEL_PLAN_START } from './support/prompts';
import { expect, test } from './support/web-mode-test';

test.describe('durability panel', () => {
  test('Kill -9 of the worker mid-stream, then Restart: the answer finishes once, the timeline shows both attempts', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 40 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    const worker = app.worker(page);
    const firstPid = await worker.getByText(/pid \d+/).textContent();

    await app.send(page, TRAVEL_PLAN);
    await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');
    await worker.getByRole('button', { name: 'Kill -9 Worker 1' }).click();

    await expect(worker).toHaveAttribute('data-state', 'exited');
    await expect(worker).toContainText('exited (SIGKILL)');
    await expect(app.runState(page)).toHaveText('retrying — attempt 2 (worker lost)');
    await expect(app.answer(page)).toContainText('Retrying — attempt 2 (worker lost)');
    await expect(app.timeline(page).locator('[data-kind="worker-lost"]')).toContainText(
      'was killed (SIGKILL)',
    );
    await app.screenshot(page, 'worker-killed');

    await worker.getByRole('button', { name: 'Restart Worker 1' }).click();
    await app.waitForWorker(page, 'ready');
    await expect(worker.getByText(/pid \d+/)).not.toHaveText(firstPid ?? '');

    const answer = app.answer(page);
    await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });
    const final = (await app.answerText(page).textContent()) ?? '';
    expect(occurrences(final, TRAVEL_PLAN_START)).toBe(1);
    expect(occurrences(final, 'Day 1: Arrive in Tokyo')).toBe(1);
    expect(final).toContain(TRAVEL_PLAN_END);

    const attempts = app.timeline(page).locator('[data-kind="attempt-started"]');
    await expect(attempts).toHaveCount(2);
    // A first call is a model call; only the retry says its attempt.
    await expect(attempts.nth(0)).toContainText('model call started on');
    await expect(attempts.nth(1)).toContainText('model call, attempt 2, started on');
    await expect(app.timeline(page).locator('[data-kind="attempt-reset"]')).toHaveCount(1);
    await expect(app.runState(page)).toHaveText('completed');
    await expect(answer.getByTestId('message-usage')).toContainText(
      /[1-9]\d* on failed attempts \(retried\)/,
    );
    await expect(page.getByTestId('conversation-totals')).toContainText(/[1-9]\d* on failed attempts/);
    await app.screenshot(page, 'worker-killed-recovered');
  });
});
