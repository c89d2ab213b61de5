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

test.describe('Model profiles', () => {
  test('two profiles: Test connection says what each has, the picker lists the profile’s models, and a dead one falls back', async ({
    page,
    webMode,
  }) => {
    test.setTimeout(150_000);
    const host = await webMode.start({ demoPace: 200 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Model profiles' }).click();
    const addProfile = async (name: string, baseUrl: string) => {
      await settings.getByLabel('Profile name').fill(name);
      await settings.getByLabel('Profile base URL').fill(baseUrl);
      await settings.getByLabel('Default model').fill('demo');
      await settings.getByRole('button', { name: 'Add profile' }).click();
      await expect(settings.locator(`[data-profile="${name}"]`)).toBeVisible();
      await expect(settings.getByLabel('Profile name')).toHaveValue(''); // the form is ready for the next
    };
    const port = await closedPort();
    const deadUrl = `http://127.0.0.1:${port}/v1`;
    await addProfile('Demo', '');
    await addProfile('Dead', deadUrl);

    const dead = settings.locator('[data-profile="Dead"]');
    await dead.getByRole('button', { name: 'Test connection' }).click();
    await expect(dead.getByTestId('profile-connection-check')).toHaveText(
      `Cannot reach ${deadUrl}: connect ECONNREFUSED 127.0.0.1:${port}.`,
    );
    const demo = settings.locator('[data-profile="Demo"]');
    await demo.getByRole('button', { name: 'Test connection' }).click();
    await expect(demo.getByTestId('profile-connection-check')).toHaveText(
      'Connected: the model "demo" is available (2 models listed).',
    );
    await settings.getByRole('button', { name: 'Close' }).click();

    await app.send(page, 'Hello!');
    await expect(app.answerText(page)).toHaveText('Hello! How can I help you today?', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Conversation settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Conversation settings' });
    await dialog.getByRole('combobox', { name: 'Profile', exact: true }).selectOption({ label: 'Demo' });
    await expect(dialog.getByText('2 models listed by the endpoint.')).toBeVisible();
    await expect(dialog.getByRole('combobox', { name: /^Model/ }).locator('option')).toHaveText([
      'Default (demo)',
      'demo',
      'demo-mini',
    ]);
    await dialog.getByRole('combobox', { name: 'Profile', exact: true }).selectOption({ label: 'Dead' });
    await expect(dialog.getByText(/^The endpoint's models could not be read: Cannot reach/)).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Fallback profile' }).selectOption({ label: 'Demo' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    await app.send(page, 'Hello again!');
    await expect(app.answerText(page)).toHaveText('Hello again! How can I help?', { timeout: 90_000 });
  });
});
