import { app } from './support/app-page';
import { expect, test } from './support/web-mode-test';

test.describe('price table', () => {
  test('a price entered in Settings › Prices is what the cost budget and its meter count', async ({
    page,
    webMode,
  }) => {
    // $1.00 of budget: at the built-in demo price ($0.15 / $0.60 per million) no answer comes near it.
    const host = await webMode.start({
      demoPace: 80,
      settings: { budget: { maxTokens: null, maxCostUsd: 1, maxToolCalls: null, onLimit: 'stop' } },
    });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Prices' }).click();
    await settings.getByRole('button', { name: 'Add model price' }).click();
    await settings.getByLabel('Model of price row 1').fill('demo');
    await settings.getByLabel('Input price of demo').fill('1000000');
    await settings.getByLabel('Output price of demo').fill('1000000');
    await settings.getByRole('button', { name: 'Save prices' }).click();
    await expect(settings.getByRole('button', { name: 'Save prices' })).toBeEnabled();
    await settings.getByRole('button', { name: 'Close' }).click();
    // Saved in the host: a reload shows the row again.
    await page.reload();
    await app.waitForWorker(page, 'ready');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await settings.getByRole('tab', { name: 'Prices' }).click();
    await expect(settings.getByLabel('Model of price row 1')).toHaveValue('demo');
    await expect(settings.getByLabel('Output price of demo')).toHaveValue('1000000');
    await settings.getByRole('button', { name: 'Close' }).click();

    // At $1 a token the first model round spends more than $1: the run ends at the cost limit.
    await app.send(page, 'What is 12 * 7?');
    const meter = page.getByLabel('Budget', { exact: true });
    await expect(meter.getByRole('meter', { name: 'Cost budget' })).toBeVisible({ timeout: 60_000 });
    await expect(app.runState(page)).toHaveText('budget exhausted', { timeout: 60_000 });
    await expect(meter.getByTestId('budget-spent')).toContainText(/of \$1\.00/);
    await expect(meter).toContainText(/Budget of \$1\.00 reached \(spent \$\d/);
  });
});
