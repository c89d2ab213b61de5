import { app, occurrences } from '../support/app-page';
import { TRAVEL_PLAN, TRAVEL_PLAN_END, TRAVEL_PLAN_START } from '../support/prompts';
import { expect, screenshot, test } from './support/desktop-test';

test.describe('desktop app', () => {
  test('Kill -9 of the worker utility process mid-answer, Restart: the answer finishes; after quit and relaunch the history is intact', async ({
    desktop,
  }) => {
    const first = await desktop.launch({ demoPace: 40 });
    const { page } = first;
    await app.waitForWorker(page, 'ready');
    const worker = app.worker(page);
    const firstPid = await worker.getByText(/pid \d+/).textContent();

    await app.send(page, TRAVEL_PLAN);
    await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');
    await worker.getByRole('button', { name: 'Kill -9 Worker 1' }).click();
    await expect(worker).toHaveAttribute('data-state', 'exited');
    await expect(app.runState(page)).toHaveText('retrying — attempt 2 (worker lost)');
    await screenshot(page, 'worker-killed');

    await worker.getByRole('button', { name: 'Restart Worker 1' }).click();
    await app.waitForWorker(page, 'ready');
    await expect(worker.getByText(/pid \d+/)).not.toHaveText(firstPid ?? '');
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });
    const answered = (await app.answerText(page).textContent()) ?? '';
    expect(occurrences(answered, TRAVEL_PLAN_START)).toBe(1);
    expect(answered).toContain(TRAVEL_PLAN_END);
    await expect(app.timeline(page).locator('[data-kind="attempt-started"]')).toHaveCount(2);
    await screenshot(page, 'worker-killed-recovered');

    // A normal quit: the app waits for its workers to stop, then exits.
    await first.app.close();

    const second = await desktop.launch();
    const conversation = second.page
      .getByRole('navigation', { name: 'Conversations' })
      .getByText(TRAVEL_PLAN.slice(0, 20));
    await conversation.first().click();
    await expect(app.answer(second.page)).toHaveAttribute('data-status', 'complete');
    const reloaded = (await app.answerText(second.page).textContent()) ?? '';
    expect(reloaded).toBe(answered);
    await screenshot(second.page, 'relaunched-history');
  });

  test('the app killed mid-answer: the next launch re-attaches the run and finishes the answer', async ({
    desktop,
  }) => {
    const first = await desktop.launch({ demoPace: 30 });
    await app.waitForWorker(first.page, 'ready');
    await app.send(first.page, TRAVEL_PLAN);
    await expect(app.answerText(first.page)).toContainText('Day 1: Arrive in Tokyo');
    first.app.process().kill('SIGKILL');

    const second = await desktop.launch();
    await second.page
      .getByRole('navigation', { name: 'Conversations' })
      .getByText(TRAVEL_PLAN.slice(0, 20))
      .first()
      .click();
    await expect(app.answer(second.page)).toHaveAttribute('data-status', 'complete', { timeout: 120_000 });
    const final = (await app.answerText(second.page).textContent()) ?? '';
    expect(occurrences(final, TRAVEL_PLAN_START)).toBe(1);
    expect(final).toContain(TRAVEL_PLAN_END);
    await screenshot(second.page, 'app-killed-recovered');
  });
});
