import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Agent } from 'durable-agent';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Host } from '../../src/host/host';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { waitUntil } from './support/wait-until';

const travelPrompt = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
let directory: ReturnType<typeof temporaryDirectory>;
let disk: string;
let mounted = false;
let host: Host | undefined;

/** A real full disk: a 16 MiB tmpfs (needs root, as on this project's machines and CI). */
beforeAll(() => {
  directory = temporaryDirectory('full-disk');
  disk = path.join(directory.path, 'disk');
  mkdirSync(disk);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', disk], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
});

afterAll(async () => {
  try {
    const closed = host?.close();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  } finally {
    if (mounted) execFileSync('umount', ['-l', disk]);
    directory?.remove();
  }
});

/** Fills the disk to its last byte; returns the filler file (remove it to free the space). */
function fillDisk(folder: string): string {
  const file = path.join(folder, 'filler');
  const descriptor = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 1 << 16, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(descriptor, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(descriptor);
  }
  return file;
}

function storedAnswer(dataDir: string, messageId: string): { status: string; text: string } {
  const database = new Database(path.join(dataDir, 'history.db'), { readonly: true, fileMustExist: true });
  try {
    return database.prepare('SELECT status, text FROM messages WHERE id = ?').get(messageId) as {
      status: string;
      text: string;
    };
  } finally {
    database.close();
  }
}

describe('a full disk while an answer is saved', () => {
  it('keeps following, says saving failed, and stores the answer (= Temporal’s result) once space is free', async (context) => {
    if (!mounted) context.skip('mounting a tmpfs needs root');
    const dataDir = path.join(disk, 'data');
    writeSettings(dataDir, testSettings());
    const test = await createTestHost(dataDir, { demoModelPace: 60 });
    host = test.host;
    await host.started;
    await waitUntil(
      async () => (await host!.handlers.listWorkers()).find((worker) => worker.status.state === 'ready'),
      'a ready worker',
      90_000,
    );
    const sent = await host.handlers.sendMessage({ text: travelPrompt });
    const messageId = sent.assistantMessage.id;
    await waitUntil(() => storedAnswer(dataDir, messageId).text.includes('Day 1'), 'Day 1 to be saved');

    // The disk fills up mid-answer: saving fails, the user is told, following goes on.
    const filler = fillDisk(disk);
    const notice = await waitUntil(
      async () => (await host!.handlers.listHostNotices()).find((each) => each.id === 'history-saving'),
      'the saving notice',
    );
    expect(notice.tone).toBe('error');
    expect(notice.text).toMatch(/^Saving to .*history\.db failed \(database or disk is full\)/);
    expect(notice.text).toContain('Answers are kept in Temporal');
    const conversationId = sent.conversation.id;
    await waitUntil(
      async () =>
        (await host!.handlers.loadConversation({ conversationId })).runs[0]!.view.phase === 'completed',
      'the run to complete in Temporal',
      120_000,
    );
    expect(storedAnswer(dataDir, messageId).status).toBe('streaming');

    // Space is freed: the ending is stored, once, and it is Temporal's recorded result.
    rmSync(filler);
    await host.idle();
    const stored = storedAnswer(dataDir, messageId);
    expect(stored.status).toBe('complete');
    const agent = await Agent.create({ name: 'assistant', temporal: { address: inject('temporalAddress') } });
    try {
      expect(stored.text).toBe((await (await agent.attach(sent.run.workflowId)).result()).text);
    } finally {
      await agent.close();
    }
    expect(stored.text.split('Day 1:').length).toBe(2);
    expect(await host.handlers.listHostNotices()).toEqual([]);
  });
});
