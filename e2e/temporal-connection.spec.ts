import { readFileSync } from 'node:fs';
import path from 'node:path';
import { app } from './support/app-page';
import { expect, test } from './support/web-mode-test';

test.describe('Settings → Temporal connection', () => {
  test('keeps the namespace and server name, and the API key and client key write-only', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 200 });
    await app.open(page, host.url);

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Temporal connection' }).click();
    await expect(settings.getByText('Used once General → Temporal → Address names')).toBeVisible();
    await settings.getByRole('textbox', { name: /^Namespace/ }).fill('my-namespace.a1b2c');
    await settings.getByRole('textbox', { name: /^Server name/ }).fill('temporal.internal');
    await settings.getByLabel(/^API key \(Temporal Cloud\)/).fill('cloud-api-key-do-not-show');
    await settings
      .getByLabel(/^Client key \(PEM, mTLS\)/)
      .fill('-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----');
    await settings.getByRole('button', { name: 'Save connection' }).click();

    await expect(settings.getByText('set', { exact: true })).toHaveCount(2);
    await expect(settings.getByLabel(/^API key \(Temporal Cloud\)/)).toHaveValue('');
    await expect(settings.getByRole('textbox', { name: /^Namespace/ })).toHaveValue('my-namespace.a1b2c');
    const stored = readFileSync(path.join(webMode.dataDir, 'temporal-connection.json'), 'utf8');
    expect(JSON.parse(stored)).toMatchObject({
      namespace: 'my-namespace.a1b2c',
      serverName: 'temporal.internal',
    });
    expect(stored).not.toContain('cloud-api-key-do-not-show');
    expect(stored).not.toContain('PRIVATE KEY');
    expect(await page.content()).not.toContain('cloud-api-key-do-not-show');
  });
});
