import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { app } from './support/app-page';
import { expect, test } from './support/web-mode-test';

test.describe('host notices', () => {
  test('a damaged history.db: the page says where it was moved, and Dismiss removes the notice for good', async ({
    page,
    webMode,
  }) => {
    writeFileSync(path.join(webMode.dataDir, 'history.db'), 'not a database '.repeat(100));
    const host = await webMode.start({ workers: 0 });
    await app.open(page, host.url);
    const notice = page.locator('.host-notice[data-notice-id="history-moved-aside"]');
    await expect(notice).toContainText('was damaged and could not be opened (file is not a database)');
    await expect(notice).toContainText(`moved aside to ${path.join(webMode.dataDir, 'history.db.corrupt-')}`);
    await app.screenshot(page, 'host-notice-history-moved-aside');
    await notice.getByRole('button', { name: 'Dismiss notice' }).click();
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expect(app.temporal(page).getByText('connected')).toBeVisible();
    await expect(notice).toHaveCount(0);
  });

  test('an API key entered for another origin than the base URL: removed, and the page says to enter it again', async ({
    page,
    webMode,
  }) => {
    writeFileSync(
      path.join(webMode.dataDir, 'secrets.json'),
      JSON.stringify({ modelApiKey: 'sk-for-the-old-host' }),
    );
    const host = await webMode.start({
      workers: 0,
      settings: { modelBaseUrl: 'https://new.example/v1', apiKeyOrigin: 'https://old.example' },
    });
    await app.open(page, host.url);
    await expect(page.locator('.host-notice[data-notice-id="api-key-dropped"]')).toHaveText(
      'The API key was entered for https://old.example; the model base URL now points to https://new.example, so the key was removed and not sent there. Enter the API key for the new address in Settings.',
    );
  });
});
