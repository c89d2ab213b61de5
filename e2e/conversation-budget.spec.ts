import { app } from './support/app-page';
import { expect, test } from './support/web-mode-test';

test.describe('conversation budget', () => {
  test('a budget in Conversation settings counts all its runs: the next run ends as budget exhausted, the meter says so', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 200 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    await app.send(page, 'Hello!');
    await expect(app.answerText(page)).toHaveText('Hello! How can I help you today?', { timeout: 30_000 });

    await page.getByRole('button', { name: 'Conversation settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Conversation settings' });
    await dialog.getByLabel('Conversation max tokens').fill('10');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    await app.send(page, 'Hello again!');
    await expect(app.runState(page)).toHaveText('budget exhausted', { timeout: 60_000 });
    const meter = page.getByLabel('Budget', { exact: true });
    await expect(meter.getByRole('meter', { name: 'Conversation tokens budget' })).toBeVisible();
    await expect(meter).toContainText(/Conversation budget of 10 tokens reached \(spent \d+ tokens\)/);

    await page.getByRole('button', { name: 'Conversation settings' }).click();
    await expect(dialog.getByLabel('Conversation max tokens')).toHaveValue('10');
  });
});
