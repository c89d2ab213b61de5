import { app } from './support/app-page';
import { expect, test } from './support/web-mode-test';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

test.describe('steering and budgets', () => {
  test('typing while the agent answers offers "Send now"; the next round answers the message', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 40 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await app.send(page, TRAVEL_PLAN);
    await expect(app.answerText(page)).toContainText('Day 1', { timeout: 60_000 });
    const sendNow = page.getByRole('button', { name: 'Send now' });
    await expect(sendNow).toBeHidden(); // only once something is typed
    await page.getByRole('textbox', { name: 'Message' }).fill('Make it 3 days instead.');
    await expect(page.getByTitle('Stop the answer (Esc)')).toBeVisible();
    await app.screenshot(page, 'send-now-beside-stop');
    await sendNow.click();
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('');

    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });
    await expect(app.answerText(page)).toContainText('Here is a 3-day version: …');
    await expect(app.timeline(page).locator('[data-kind="steer"]')).toContainText('Make it 3 days instead.');
  });

  test('the current run shows a budget meter and ends as budget exhausted at the limit', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({
      demoPace: 80,
      settings: { budget: { maxTokens: 5, maxCostUsd: null, maxToolCalls: null, onLimit: 'stop' } },
    });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await app.send(page, 'What is 12 * 7?');
    const meter = page.getByLabel('Budget', { exact: true });
    await expect(meter).toBeVisible({ timeout: 60_000 });
    await expect(meter.getByRole('meter', { name: 'Tokens budget' })).toBeVisible();
    await expect(app.runState(page)).toHaveText('budget exhausted', { timeout: 60_000 });
    await expect(meter.getByTestId('budget-spent')).toContainText(/of 5 tokens/);
    await expect(meter).toContainText(/Budget of 5 tokens reached \(spent \d+ tokens\)/);
    await expect(app.timeline(page).locator('[data-kind="budget-exhausted"]')).toBeVisible();
    await app.screenshot(page, 'budget-meter-exhausted');
  });
});
