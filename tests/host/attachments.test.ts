import type { AttachmentReference } from 'durable-agent';
import { parseConversationExport } from 'durable-agent';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../src/host/host';
import type { AttachmentUpload, WorkerInfo } from '../../src/shared/models';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';
import { workflowInput } from './support/workflow-input';

const QUESTION = 'What is in the attached file?';
const PART_BYTES = 512 * 1024;

let directory: ReturnType<typeof temporaryDirectory> | undefined;
let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  directory?.remove();
  directory = undefined;
});

async function readyHost(): Promise<Host> {
  directory = temporaryDirectory('attachments');
  writeSettings(directory.path, testSettings());
  ({ host } = await createTestHost(directory.path));
  await host.started;
  await waitUntil(
    async () =>
      ((await host!.handlers.listWorkers()) as WorkerInfo[]).find((each) => each.status.state === 'ready'),
    'a ready worker',
    90_000,
  );
  return host;
}

/** Uploads a file as the renderer does: parts of 512 kB through the validated contract. */
async function upload(
  target: Host,
  name: string,
  bytes: Buffer,
  mediaType = '',
): Promise<AttachmentReference> {
  let uploadId: string | undefined;
  for (let start = 0; ; start += PART_BYTES) {
    const final = start + PART_BYTES >= bytes.length;
    const answer = (await target.invoke('addAttachment', {
      ...(uploadId ? { uploadId } : {}),
      name,
      mediaType,
      base64: bytes.subarray(start, start + PART_BYTES).toString('base64'),
      final,
    })) as AttachmentUpload;
    uploadId = answer.uploadId;
    if (final) return answer.reference!;
  }
}

describe('attachments in the app', () => {
  it('uploads a file in parts into the data folder, answers from it, and the run input carries its reference', async () => {
    const ready = await readyHost();
    const content = Buffer.from(`Itinerary: Lisbon, Porto\n${'a day by the sea. '.repeat(60_000)}`); // ~1 MB: 3 parts
    const reference = await upload(ready, 'trip.md', content, 'text/markdown');
    expect(reference).toMatchObject({ name: 'trip.md', mediaType: 'text/markdown', size: content.length });

    const sent = await ready.handlers.sendMessage({ text: QUESTION, attachments: [reference] });
    await ready.idle();
    const detail = await ready.handlers.loadConversation({ conversationId: sent.conversation.id });
    const [prompt, answer] = detail.messages;
    expect(prompt?.attachments).toEqual([reference]);
    expect(answer?.text).toBe('The file trip.md starts with: Itinerary: Lisbon, Porto');

    const run = detail.runs.find((each) => each.id === answer?.runId)!;
    const input = await workflowInput(run.workflowId);
    expect(input.messages.at(-1)).toEqual({ role: 'user', content: QUESTION, attachments: [reference] });
    expect(JSON.stringify(input).length).toBeLessThan(4000);

    // The next run of the conversation carries the earlier prompt's file by reference too.
    const next = await ready.handlers.sendMessage({
      conversationId: sent.conversation.id,
      text: 'Hello again',
    });
    await ready.idle();
    const nextRun = (
      await ready.handlers.loadConversation({ conversationId: sent.conversation.id })
    ).runs.find((each) => each.id === next.assistantMessage.runId)!;
    expect((await workflowInput(nextRun.workflowId)).messages[0]).toEqual({
      role: 'user',
      content: QUESTION,
      attachments: [reference],
    });

    // Export and import keep the files by reference (their content stays in the data folder).
    const file = await ready.handlers.exportConversation({
      conversationId: sent.conversation.id,
      format: 'json',
    });
    expect(parseConversationExport(file.text).tree?.messages[0]?.attachments).toEqual([reference]);
    const markdown = await ready.handlers.exportConversation({
      conversationId: sent.conversation.id,
      format: 'md',
    });
    expect(markdown.text).toContain('Attached: trip.md (1.0 MB)');
    const copy = await ready.handlers.importConversation({ text: file.text });
    const imported = await ready.handlers.loadConversation({ conversationId: copy.id });
    expect(imported.messages[0]?.attachments).toEqual([reference]);
    expect(await ready.handlers.readAttachment({ reference })).toEqual({
      base64: content.toString('base64'),
    });
  });

  it('refuses, in words, a file of another type and one over the size limit; sends a file without text, and a PDF', async () => {
    const ready = await readyHost();
    await expect(upload(ready, 'program.exe', Buffer.from([0x4d, 0x5a, 0x00, 0x01]))).rejects.toThrow(
      'program.exe cannot be attached: only text and code files, PDFs and PNG, JPEG, GIF or WebP images can',
    );
    await expect(upload(ready, 'huge.log', Buffer.alloc(10 * 1024 * 1024 + 1, 'x'))).rejects.toThrow(
      'huge.log is over 10.0 MB, the limit per file',
    );
    await expect(ready.invoke('sendMessage', { text: ' ' })).rejects.toThrow('the message is empty');

    const reference = await upload(ready, 'notes.txt', Buffer.from('first line\nsecond'));
    const sent = await ready.handlers.sendMessage({ text: '', attachments: [reference] });
    await ready.idle();
    expect(sent.conversation.title).toBe('notes.txt');

    // A PDF, made here: the worker extracts its text.
    const document = await PDFDocument.create();
    const page = document.addPage([400, 300]);
    page.drawText('Boarding pass LIS-OPO', {
      x: 40,
      y: 250,
      size: 12,
      font: await document.embedFont(StandardFonts.Helvetica),
    });
    const pdf = await upload(ready, 'pass.pdf', Buffer.from(await document.save()), 'application/pdf');
    expect(pdf.mediaType).toBe('application/pdf');
    const asked = await ready.handlers.sendMessage({
      conversationId: sent.conversation.id,
      text: QUESTION,
      attachments: [pdf],
    });
    await ready.idle();
    const answered = (
      await ready.handlers.loadConversation({ conversationId: sent.conversation.id })
    ).messages.find((message) => message.id === asked.assistantMessage.id);
    expect(answered?.text).toBe('The file pass.pdf starts with: Boarding pass LIS-OPO');
  });
});
