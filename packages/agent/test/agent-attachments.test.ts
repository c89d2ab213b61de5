import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentRunInput } from '../src/common/types';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { historyEvents, payloadValue } from './support/workflow-history';

const QUESTION = 'What is in the attached file?';
/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let fixture: AgentFixture | undefined;
let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'attachments-'));
});
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  await rm(folder, { recursive: true, force: true });
});

async function pdfWithLines(lines: readonly string[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage([400, 300]);
  lines.forEach((line, index) => {
    page.drawText(line, { x: 40, y: 250 - index * 20, size: 12, font });
  });
  return document.save();
}

/** The run's workflow input, from the first event of its history. */
async function workflowInput(workflowId: string): Promise<AgentRunInput> {
  const [started] = await historyEvents(workflowId);
  return payloadValue(
    started?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0],
  ) as AgentRunInput;
}

async function agentWithFolder() {
  fixture = await createAgentFixture({ worker: { attachmentFolder: folder } });
  return fixture.createAgent({ attachmentFolder: folder });
}

describe('Agent attachments', () => {
  it('answers from a text file, which the run input carries by reference only', async () => {
    const agent = await agentWithFolder();
    const content = `Packing list for Lisbon\n${'sunscreen, '.repeat(40_000)}`; // ~440 kB
    const run = await agent.stream(QUESTION, {
      attachments: [{ name: 'packing.txt', content: Buffer.from(content) }],
    });
    const result = await run.result();

    expect(result.text).toBe('The file packing.txt starts with: Packing list for Lisbon');
    const input = await workflowInput(run.id);
    const prompt = input.messages.at(-1);
    expect(prompt).toMatchObject({ role: 'user', content: QUESTION });
    const [reference] = prompt?.role === 'user' ? (prompt.attachments ?? []) : [];
    expect(reference).toMatchObject({ name: 'packing.txt', mediaType: 'text/plain', size: content.length });
    expect(reference?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(input).length).toBeLessThan(2000);
    expect(await readdir(folder)).toEqual([reference?.id]);
  });

  it('answers with the first text line of a PDF made in the test', async () => {
    const agent = await agentWithFolder();
    const pdf = await pdfWithLines(['Invoice 2026-117', 'Total: 42 EUR']);
    const result = await agent.run(QUESTION, { attachments: [{ name: 'invoice.pdf', content: pdf }] });
    expect(result.text).toBe('The file invoice.pdf starts with: Invoice 2026-117');
  });

  it('sends an image as an image part and says honestly what the demo model saw', async () => {
    const agent = await agentWithFolder();
    const path = join(folder, 'dot.png');
    await import('node:fs/promises').then(({ writeFile }) => writeFile(path, PNG));
    const result = await agent.run(QUESTION, { attachments: [{ path }] });
    expect(result.text).toBe(
      `The file dot.png is an image (image/png, ${PNG.byteLength} bytes); the demo model cannot see what it shows.`,
    );
  });

  it('refuses files it cannot attach, in words', async () => {
    const agent = await agentWithFolder();
    await expect(
      agent.run(QUESTION, { attachments: [{ name: 'tool.bin', content: Uint8Array.from([0, 1, 2, 255]) }] }),
    ).rejects.toThrow(
      'tool.bin cannot be attached: only text and code files, PDFs and PNG, JPEG, GIF or WebP images can',
    );
    await expect(
      agent.run(QUESTION, {
        attachments: [{ name: 'big.txt', content: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') }],
      }),
    ).rejects.toThrow('big.txt is 10.0 MB; the limit is 10.0 MB per file');
    const many = Array.from({ length: 11 }, (_, index) => ({
      name: `${index}.txt`,
      content: Buffer.from('x'),
    }));
    await expect(agent.run(QUESTION, { attachments: many })).rejects.toThrow(
      '11 files are attached; the limit is 10 per message',
    );
  });

  it('fails the run in words when the worker has no attachment folder', async () => {
    fixture = await createAgentFixture();
    const agent = await fixture.createAgent({ attachmentFolder: folder });
    const result = await agent.run(QUESTION, {
      attachments: [{ name: 'a.txt', content: Buffer.from('hello') }],
    });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('this worker has no attachment folder');
  });
});
