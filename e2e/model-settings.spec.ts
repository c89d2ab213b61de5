import { createServer } from 'node:net';
import { app } from './support/app-page';
import { expect, test } from './support/web-mode-test';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

test.describe('Model settings', () => {
  test('Test connection says what it finds, and the default system prompt reaches the model', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 200 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Test connection' }).click();
    await expect(settings.getByTestId('connection-check')).toHaveText(
      'Connected: the model "demo" is available (2 models listed).',
    );
    const port = await closedPort();
    await settings.getByRole('textbox', { name: /^Base URL/ }).fill(`http://127.0.0.1:${port}/v1`);
    await settings.getByRole('textbox', { name: /^Model name/ }).fill('gpt-4o-mini');
    await settings.getByRole('button', { name: 'Test connection' }).click();
    await expect(settings.getByTestId('connection-check')).toHaveText(
      `Cannot reach http://127.0.0.1:${port}/v1: connect ECONNREFUSED 127.0.0.1:${port}.`,
    );
    await settings.getByRole('textbox', { name: /^Base URL/ }).fill('');
    await settings.getByLabel('Default system prompt').fill('You are the default assistant.');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings).toBeHidden();

    await app.send(page, 'What are your instructions?');
    await expect(app.answerText(page)).toHaveText('My instructions are: You are the default assistant.', {
      timeout: 30_000,
    });
  });

  test('a conversation gets its own system prompt and a model picked from the endpoint list', async ({
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
    await expect(dialog.getByText('2 models listed by the endpoint.')).toBeVisible();
    const picker = dialog.getByRole('combobox', { name: /^Model/ });
    await expect(picker.locator('option')).toHaveText(['Default (demo)', 'demo', 'demo-mini']);
    await picker.selectOption('demo-mini');
    await dialog.getByLabel('Use the default of Settings').uncheck();
    await dialog.getByLabel('System prompt of this conversation').fill('You are a pirate.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    await app.send(page, 'What are your instructions?');
    await expect(app.answerText(page)).toHaveText('My instructions are: You are a pirate.', {
      timeout: 30_000,
    });
    await page.getByRole('button', { name: 'Conversation settings' }).click();
    await expect(dialog.getByRole('combobox', { name: /^Model/ })).toHaveValue('demo-mini');
  });
});
