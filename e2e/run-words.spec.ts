import { app } from './support/app-page';
import { TRAVEL_PLAN } from './support/prompts';
import { expect, test } from './support/web-mode-test';

const PROMPT_EXPLAINED =
  /sent with every model call: the instructions, the whole conversation so far and the tool definitions/;

test.describe('words that mean one thing', () => {
  test('a clean tool run reads "2 model calls", no attempt badge, and explains prompt tokens', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start();
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    await app.send(page, 'What is 12 * 7?');
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });

    await expect(app.runState(page)).toHaveText('completed');
    await expect(page.getByTestId('run-model-calls')).toHaveText('2 model calls');
    await expect(app.answer(page).getByTestId('attempt-tag')).toHaveCount(0);
    const usage = app.answer(page).getByTestId('message-usage');
    await expect(usage).toHaveText(/^prompt \d+ · completion \d+ · total \d+$/);
    await expect(usage).toHaveAttribute('title', PROMPT_EXPLAINED);
    await expect(page.getByTestId('run-usage')).toHaveAttribute('title', PROMPT_EXPLAINED);
    await expect(page.getByTestId('failed-attempt-tokens')).toHaveText('0 on failed attempts');
    await expect(page.getByTestId('conversation-totals')).not.toContainText('wasted');
  });

  test('a retried call reads "1 model call, 1 retry" and "attempt 2"; its own tokens match a clean run, the failed attempt apart', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 40 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    const worker = app.worker(page);

    // A clean run of the plan first: its completion tokens are the answer's own.
    await app.send(page, TRAVEL_PLAN);
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });
    const clean = (await app.answer(page).getByTestId('message-usage').textContent()) ?? '';
    const cleanCompletion = /completion ([\d,]+)/.exec(clean)?.[1];
    expect(cleanCompletion).toBeDefined();

    await app.send(page, TRAVEL_PLAN);
    await expect(page.getByRole('listitem', { name: 'Agent answer' })).toHaveCount(2);
    await expect(app.answerText(page)).toContainText('Day 1: Arrive in Tokyo');
    await worker.getByRole('button', { name: 'Kill -9 Worker 1' }).click();
    await worker.getByRole('button', { name: 'Restart Worker 1' }).click();
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });

    await expect(page.getByTestId('run-model-calls')).toHaveText('1 model call, 1 retry');
    await expect(app.answer(page).getByTestId('attempt-tag')).toHaveText('attempt 2');
    const usage = app.answer(page).getByTestId('message-usage');
    await expect(usage).toContainText(`completion ${cleanCompletion} ·`);
    await expect(usage).toContainText(/· [1-9][\d,]* on failed attempts \(retried\)$/);
    await expect(usage).not.toContainText('stopped');
    await expect(page.getByTestId('failed-attempt-tokens')).toHaveText(/^[1-9][\d,]* on failed attempts$/);
  });
});
