import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCK_FILE, lockDataFolder } from '../../src/host/data-folder-lock';
import { HistoryStore } from '../../src/host/history/history-store';
import { openHistory } from '../../src/host/history/open-history';
import type { Host } from '../../src/host/host';
import { createWebApi } from '../../src/shared/web-transport';
import { temporaryDirectory } from './support/temporary-directory';
import { createTestHost, testSettings, writeSettings } from './support/test-host';
import { processExists } from './support/wait-until';
import { buildWebBundle } from './support/web-bundle';
import { startWebProcess } from './support/web-process';

let bundle: Awaited<ReturnType<typeof buildWebBundle>>;
let directory: ReturnType<typeof temporaryDirectory>;
const hosts: Host[] = [];
let folders = 0;

beforeAll(async () => {
  bundle = await buildWebBundle();
  directory = temporaryDirectory('data-folder');
}, 120_000);

afterAll(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  bundle?.remove();
  directory?.remove();
});

function dataFolder(): string {
  const dataDir = path.join(directory.path, `data-${++folders}`);
  writeSettings(dataDir, testSettings());
  return dataDir;
}

const webArgs = (dataDir: string) => [
  '--data-dir',
  dataDir,
  '--temporal-address',
  inject('temporalAddress'),
  '--workers',
  '0',
];

describe('a damaged history.db', () => {
  it('is moved aside (history.db.corrupt-<timestamp>, with its -wal) and the host starts with a fresh one, saying so', async () => {
    const dataDir = dataFolder();
    const file = path.join(dataDir, 'history.db');
    writeFileSync(file, 'this is not a database, just garbage '.repeat(200));
    writeFileSync(`${file}-wal`, 'a stale write-ahead log');
    const { host, output } = await createTestHost(dataDir, { initialWorkers: 0 });
    hosts.push(host);

    const aside = readdirSync(dataDir).find((name) => /^history\.db\.corrupt-[\dT-]+Z$/.test(name));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(dataDir, aside!), 'utf8')).toMatch(/^this is not a database/);
    expect(readFileSync(path.join(dataDir, `${aside}-wal`), 'utf8')).toBe('a stale write-ahead log');
    const notices = await host.handlers.listHostNotices();
    expect(notices).toEqual([
      expect.objectContaining({ id: 'history-moved-aside', tone: 'warning', text: expect.any(String) }),
    ]);
    const text = notices[0]!.text;
    expect(text).toContain(
      `The history file ${file} was damaged and could not be opened (file is not a database)`,
    );
    expect(text).toContain(`moved aside to ${path.join(dataDir, aside!)}`);
    expect(output).toContain(text);

    const created = await host.handlers.createConversation({ title: 'After the damage' });
    expect(await host.handlers.listConversations()).toEqual([expect.objectContaining({ id: created.id })]);
    await host.handlers.dismissHostNotice({ noticeId: 'history-moved-aside' });
    expect(await host.handlers.listHostNotices()).toEqual([]);
  });

  it('is moved aside when SQLite finds a broken page (a truncated file), other files are left alone', () => {
    const dataDir = dataFolder();
    const file = path.join(dataDir, 'history.db');
    const store = HistoryStore.open(file);
    const at = new Date().toISOString();
    for (let index = 0; index < 200; index++) store.conversations.insert(`c${index}`, 'x'.repeat(500), at);
    store.close();
    const database = new Database(file);
    database.pragma('wal_checkpoint(TRUNCATE)');
    database.close();
    truncateSync(file, 8192);

    const opened = openHistory(file, new Date('2025-01-02T03:04:05.678Z'));
    try {
      expect(opened.movedAside).toEqual({
        file: `${file}.corrupt-2025-01-02T03-04-05-678Z`,
        reason: expect.stringMatching(/malformed|quick check/),
      });
      expect(opened.store.conversations.summaries()).toEqual([]);
      expect(existsSync(path.join(dataDir, 'settings.json'))).toBe(true);
    } finally {
      opened.store.close();
    }
  });

  it('reaches web mode: printed on its terminal and listed over the socket', async () => {
    const dataDir = dataFolder();
    writeFileSync(path.join(dataDir, 'history.db'), Buffer.alloc(4096, 0xab));
    const web = await startWebProcess(bundle.main, webArgs(dataDir));
    const client = createWebApi({ url: `ws://127.0.0.1:${web.url.port}/api`, token: web.token });
    try {
      const notices = await client.api.listHostNotices();
      expect(notices.map((notice) => notice.id)).toEqual(['history-moved-aside']);
      expect(web.output.join('\n')).toContain(notices[0]!.text);
    } finally {
      client.close();
      web.child.kill('SIGTERM');
      await web.exited;
    }
  });
});

describe('one data folder, one host', () => {
  it('refuses a second web mode on the same data folder, naming the folder and the first process', async () => {
    const dataDir = dataFolder();
    const first = await startWebProcess(bundle.main, webArgs(dataDir));
    try {
      const second = startWebProcess(bundle.main, webArgs(dataDir));
      await expect(second).rejects.toThrow(
        `The data folder ${dataDir} is in use by another Durable Agent (web mode, pid ${first.child.pid}`,
      );
      await expect(second).rejects.toThrow('Quit that one first, or start this one on another data folder');
      // The desktop app (a host in this process) is refused the same way; the first is untouched.
      await expect(createTestHost(dataDir, { instanceName: 'the desktop app' })).rejects.toThrow(
        `is in use by another Durable Agent (web mode, pid ${first.child.pid}`,
      );
      expect(processExists(first.child.pid!)).toBe(true);
      expect((await fetch(first.url)).status).not.toBe(500);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a host killed with SIGKILL (its pid is gone)', async () => {
    const dataDir = dataFolder();
    const killed = await startWebProcess(bundle.main, webArgs(dataDir));
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: killed.child.pid,
      app: 'web mode',
    });
    const next = await createTestHost(dataDir, { initialWorkers: 0, instanceName: 'the desktop app' });
    hosts.push(next.host);
    expect(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      app: 'the desktop app',
    });
    await next.host.close();
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock file that is damaged, and refuses a second lock in the same process', () => {
    const dataDir = dataFolder();
    writeFileSync(path.join(dataDir, LOCK_FILE), '{"pid": "garbage');
    const lock = lockDataFolder(dataDir, 'web mode');
    try {
      expect(() => lockDataFolder(dataDir, 'the desktop app')).toThrow(
        `The data folder ${dataDir} is in use by another Durable Agent (web mode, pid ${process.pid}`,
      );
    } finally {
      lock.release();
    }
    lockDataFolder(dataDir, 'the desktop app').release();
  });
});
