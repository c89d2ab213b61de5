import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { app } from './support/app-page';
import { outputPaths } from './support/output-paths';
import { expect, test } from './support/web-mode-test';

/** server-filesystem from npm (a devDependency), run with this Node: no download at test time. */
const FILESYSTEM_SERVER = realpathSync(
  path.join(outputPaths.root, 'node_modules', '.bin', 'mcp-server-filesystem'),
);

/** The screenshots the README shows live in docs/screenshots. */
async function documentScreenshot(page: Page, name: string): Promise<void> {
  const folder = path.join(outputPaths.root, 'docs', 'screenshots');
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`) });
}

test.describe('MCP servers', () => {
  test('adds the filesystem server in Settings, then a prompt writes a file after an inline approval', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 200 });
    const folder = path.join(webMode.dataDir, 'notes');
    mkdirSync(folder, { recursive: true });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Tools (MCP servers)' }).click();
    await expect(settings.getByText('No MCP server yet.')).toBeVisible();
    await settings.getByRole('button', { name: 'Add server' }).click();
    const form = settings.getByRole('form', { name: 'Add an MCP server' });
    await form.getByRole('textbox', { name: /^Name/ }).fill('files');
    await form.getByLabel('Command', { exact: true }).fill(process.execPath);
    await form.getByLabel('Arguments (one per line)').fill(`${FILESYSTEM_SERVER}\n${folder}`);
    await form.getByLabel('Environment (NAME=value per line)').fill('NOTES_TOKEN=do-not-show');
    await form.getByRole('button', { name: 'Save server' }).click();

    const row = settings.locator('[data-server="files"]');
    await expect(row.locator('.state-pill')).toHaveText('ready · 14 tools', { timeout: 90_000 });
    await row.locator('summary', { hasText: '14 tools' }).click();
    await expect(row.getByText('files_write_file')).toBeVisible();
    await documentScreenshot(page, 'mcp-settings');
    // The token stays in the host: the page shows its name only.
    await row.getByRole('button', { name: 'Edit' }).click();
    await expect(settings.getByLabel('Environment (NAME=value per line)')).toHaveValue(
      'NOTES_TOKEN=••••••••',
    );
    expect(await page.content()).not.toContain('do-not-show');
    await settings.getByRole('button', { name: 'Cancel' }).click();
    await settings.getByRole('button', { name: 'Close' }).click();

    const target = path.join(folder, 'hello.txt');
    await app.send(
      page,
      `call files_write_file with ${JSON.stringify({ path: target, content: 'written from the app' })}`,
    );
    const approval = page.getByRole('region', { name: 'Approval for files_write_file' });
    await expect(approval).toContainText('written from the app');
    expect(existsSync(target)).toBe(false);
    await approval.getByRole('button', { name: 'Approve' }).click();

    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
    await expect(app.answerText(page)).toContainText('Successfully wrote to');
    expect(readFileSync(target, 'utf8')).toBe('written from the app');
    await app.screenshot(page, 'mcp-write-approved');
  });
});
