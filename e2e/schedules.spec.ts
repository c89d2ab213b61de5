import { expectNoSeriousViolations } from './support/accessibility';
import { app } from './support/app-page';
import { expect, test } from './support/web-mode-test';

test.describe('Schedules', () => {
  test('creates a schedule in the panel, sees its runs land in its conversation (each seeing the last), pauses and deletes it', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 200 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    await page.getByRole('button', { name: 'Schedules', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Schedules' });
    await expect(panel.getByText('No schedule yet.')).toBeVisible();
    await panel.getByRole('button', { name: 'New schedule' }).click();
    const form = panel.getByRole('form', { name: 'New schedule' });
    await form.getByLabel('Prompt').fill('What did I ask you first?');
    await form.getByLabel('Repeat').selectOption('every');
    await form.getByLabel('Interval (30s, 5m, 1h, 1d)').fill('5s');
    await form.getByLabel('Conversation').selectOption({ label: 'A new conversation' });
    await form.getByRole('button', { name: 'Create schedule' }).click();

    const row = panel.locator('.schedule', { hasText: 'What did I ask you first?' });
    await expect(row.locator('.schedule-timing')).toHaveText('every 5s');
    await expect(row.locator('.schedule-next')).toHaveText(/^(Today|Tomorrow) \d\d:\d\d:\d\d$/);
    await expect(row.locator('.schedule-last')).not.toHaveText('—', { timeout: 60_000 });
    await expectNoSeriousViolations(page, 'the Schedules panel');

    await row.getByRole('button', { name: /^Open conversation/ }).click();
    await expect(panel).toBeHidden();
    await expect(page.getByText('This is the first thing you asked me.')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('You first asked: "What did I ask you first?"').first()).toBeVisible({
      timeout: 60_000,
    });

    await page.getByRole('button', { name: 'Schedules', exact: true }).click();
    await row.getByRole('button', { name: 'Pause' }).click();
    await expect(row.getByText('Paused')).toBeVisible();
    await expect(row.locator('.schedule-next')).toHaveText('—');
    await expect(row.getByRole('button', { name: 'Resume' })).toBeVisible();
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect(panel.getByText('No schedule yet.')).toBeVisible();
  });
});
