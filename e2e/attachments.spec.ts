import { expectNoSeriousViolations } from './support/accessibility';
import { app } from './support/app-page';
import { DOT_ANSWER, DOT_PNG, NOTES_ANSWER, NOTES_TEXT } from './support/attachment-files';
import { ATTACHED_FILE_QUESTION } from './support/prompts';
import { expect, test } from './support/web-mode-test';
import { readWorkflowInput } from './support/workflow-input';

test.describe('attachments', () => {
  test('"Attach files" sends a text file and an image: thumbnails, the answer reads both, the run input carries references only', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start({ demoPace: 200 });
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach files' }).click();
    await (await chooser).setFiles([NOTES_TEXT, DOT_PNG]);
    const toSend = page.getByRole('list', { name: 'Files to send' });
    await expect(toSend.getByRole('listitem')).toHaveCount(2);
    await expect(toSend).not.toContainText('uploading…');
    await expect(toSend.getByRole('listitem', { name: /^dot\.png/ }).locator('img')).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expectNoSeriousViolations(page, `the composer with attachments (${colorScheme} theme)`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await app.screenshot(page, 'attachments-composer');

    await app.send(page, ATTACHED_FILE_QUESTION);
    await expect(app.answerText(page)).toContainText(NOTES_ANSWER, { timeout: 60_000 });
    await expect(app.answerText(page)).toContainText(DOT_ANSWER);
    await expect(app.answer(page)).toHaveAttribute('data-status', 'complete');
    await expect(toSend).toHaveCount(0);
    const sent = page
      .getByRole('listitem', { name: 'Your message' })
      .getByRole('list', { name: 'Attached files' });
    await expect(sent.getByRole('listitem')).toHaveCount(2);
    await expect(sent.getByRole('listitem', { name: /^dot\.png/ }).locator('img')).toBeVisible();
    await app.screenshot(page, 'attachments-answered');

    const workflowId = await page
      .getByRole('region', { name: 'Current run' })
      .locator('.workflow-id')
      .getAttribute('title');
    const input = await readWorkflowInput(process.env.DURABLE_AGENT_E2E_TEMPORAL_ADDRESS!, workflowId!);
    const prompt = input.messages.at(-1);
    expect(prompt?.role === 'user' ? prompt.attachments : undefined).toEqual([
      expect.objectContaining({ name: 'notes.txt', mediaType: 'text/plain', size: NOTES_TEXT.buffer.length }),
      expect.objectContaining({ name: 'dot.png', mediaType: 'image/png', size: DOT_PNG.buffer.length }),
    ]);
    expect(JSON.stringify(input)).not.toContain('Pack light for Lisbon');

    // After a reload the prompt still shows its files, the image's thumbnail read from the host.
    await page.reload();
    await expect(sent.getByRole('listitem', { name: /^dot\.png/ }).locator('img')).toBeVisible();
  });

  test('files that cannot be attached are refused in words: type, size, count; drop works like the button', async ({
    page,
    webMode,
  }) => {
    const host = await webMode.start();
    await app.open(page, host.url);
    await app.waitForWorker(page, 'ready');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach files' }).click();
    await (await chooser).setFiles([
      { name: 'program.exe', mimeType: 'application/octet-stream', buffer: Buffer.from([0x4d, 0x5a, 0, 1]) },
      { name: 'huge.log', mimeType: 'text/plain', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 'x') },
    ]);
    const errors = page.getByRole('alert').filter({ hasText: 'cannot be attached' });
    await expect(errors).toContainText(
      'program.exe cannot be attached: only text and code files, PDFs and PNG, JPEG, GIF or WebP images can',
    );
    await expect(page.getByRole('alert').filter({ hasText: 'huge.log' })).toContainText(
      'huge.log is 10.0 MB; the limit is 10.0 MB per file.',
    );
    await expectNoSeriousViolations(page, 'the composer with refused files');

    // Dropped on the conversation: eleven files, one over the count.
    const dropped = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      for (let index = 0; index < 11; index++)
        transfer.items.add(new File([`file ${index}`], `part-${index}.txt`, { type: 'text/plain' }));
      return transfer;
    });
    await page.getByRole('main', { name: 'Chat' }).dispatchEvent('drop', { dataTransfer: dropped });
    await expect(page.getByRole('list', { name: 'Files to send' }).getByRole('listitem')).toHaveCount(10);
    await expect(page.getByRole('alert')).toContainText(
      'part-10.txt was not attached: a message takes at most 10 files.',
    );
  });
});
