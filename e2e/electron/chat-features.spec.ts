import { app } from '../support/app-page';
import { DOT_ANSWER, DOT_PNG, NOTES_ANSWER, NOTES_TEXT } from '../support/attachment-files';
import { ATTACHED_FILE_QUESTION, INTRODUCTION, INTRODUCTION_ANSWER } from '../support/prompts';
import { expect, screenshot, test } from './support/desktop-test';

/**
 * The desktop shell's side of everyday chat: files through the system's open dialog (the file chooser an
 * `<input type=file>` opens in Electron), copy through Electron's clipboard, and the app's own find bar.
 */
test.describe('desktop chat features', () => {
  test('"Attach files" opens the open dialog; a text file and an image are answered and shown as thumbnails', async ({
    desktop,
  }) => {
    const { page } = await desktop.launch({ demoPace: 200 });
    await app.waitForWorker(page, 'ready');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach files' }).click();
    const dialog = await chooser;
    expect(dialog.isMultiple()).toBe(true);
    await dialog.setFiles([NOTES_TEXT, DOT_PNG]);
    const toSend = page.getByRole('list', { name: 'Files to send' });
    await expect(toSend.getByRole('listitem')).toHaveCount(2);
    await expect(toSend).not.toContainText('uploading…');

    await app.send(page, ATTACHED_FILE_QUESTION);
    await expect(app.answerText(page)).toContainText(NOTES_ANSWER, { timeout: 60_000 });
    await expect(app.answerText(page)).toContainText(DOT_ANSWER);
    const sent = page
      .getByRole('listitem', { name: 'Your message' })
      .getByRole('list', { name: 'Attached files' });
    await expect(sent.getByRole('listitem', { name: /^dot\.png/ }).locator('img')).toBeVisible();
    await screenshot(page, 'attachments');
  });

  test("Copy message puts the answer on the system clipboard (read back through Electron's clipboard)", async ({
    desktop,
  }) => {
    const { app: electronApp, page } = await desktop.launch({ demoPace: 400 });
    await app.waitForWorker(page, 'ready');
    await app.send(page, INTRODUCTION);
    await expect(app.answerText(page)).toHaveText(INTRODUCTION_ANSWER, { timeout: 60_000 });
    await app.answer(page).getByRole('button', { name: 'Copy message' }).click();
    await expect(app.answer(page).getByRole('button', { name: 'Copy message' })).toContainText('Copied');
    expect(await electronApp.evaluate(({ clipboard }) => clipboard.readText())).toBe(INTRODUCTION_ANSWER);
  });

  test("Ctrl/Cmd+F opens the app's own find bar (not Chromium's), which counts and steps through matches", async ({
    desktop,
  }) => {
    const { page } = await desktop.launch({ demoPace: 400 });
    await app.waitForWorker(page, 'ready');
    await app.send(page, INTRODUCTION);
    await expect(app.answerText(page)).toHaveText(INTRODUCTION_ANSWER, { timeout: 60_000 });
    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+f' : 'Control+f');
    const field = page.getByRole('textbox', { name: 'Find in conversation' });
    await expect(field).toBeFocused();
    await field.fill('ada');
    await expect(page.getByTestId('find-count')).toHaveText('1 of 2');
    await field.press('Enter');
    await expect(page.getByTestId('find-count')).toHaveText('2 of 2');
    await field.press('Escape');
    await expect(field).toBeHidden();
  });
});
