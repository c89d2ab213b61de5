import { afterEach, describe, expect, it } from 'vitest';
import { readLiveText } from '../../src/client/live-text-reader';
import { LiveTextServer } from '../../src/live/live-text-server';
import type { LiveTextLine } from '../../src/live/live-text-wire';

let server: LiveTextServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Reads live text into `lines`; `ended` resolves when the read ends. */
function follow(url: string, from = 0) {
  const lines: { line: LiveTextLine; at: number }[] = [];
  let subscription: { close(): void } | undefined;
  const ended = new Promise<void>((resolve) => {
    subscription = readLiveText(
      { url, worker: 'w' },
      from,
      (line) => lines.push({ line, at: Date.now() }),
      resolve,
    );
  });
  return {
    lines,
    ended,
    close: () => subscription!.close(),
    text: () => lines.map((each) => each.line.delta).join(''),
  };
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await sleep(5);
  }
}

describe('LiveTextServer', () => {
  it('serves an attempt from an offset, then each delta as it comes, and ends with the attempt', async () => {
    server = await LiveTextServer.start({ worker: 'worker-1' });
    const writer = server.open();
    expect(writer.address.worker).toBe('worker-1');
    expect(writer.address.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/live\/[\w-]{32}$/);
    writer.append('Hello');
    const reader = follow(writer.address.url, 2);
    await until(() => reader.text() === 'llo');
    expect(reader.lines[0]!.line.offset).toBe(2);
    writer.append(', world');
    await until(() => reader.text() === 'llo, world');
    expect(reader.lines.at(-1)!.line.offset).toBe(5);
    writer.end();
    await reader.ended;
    await until(() => server!.stats.subscribers === 0);
  });

  it('serves a reserved address to followers before its attempt claims it, once, and then its text', async () => {
    server = await LiveTextServer.start({ worker: 'worker-1' });
    const address = server.reserve();
    expect(address.worker).toBe('worker-1');
    const early = follow(address.url);
    await until(() => server!.stats.subscribers === 1);
    const writer = server.claim(address);
    expect(writer?.address).toEqual(address);
    expect(writer?.followed).toBe(true);
    expect(server.claim(address)).toBeUndefined();
    writer!.append('Hello');
    await until(() => early.text() === 'Hello');
    writer!.end();
    await early.ended;
    // Only addresses this server reserved, and only while reserved, can be claimed.
    expect(server.claim(server.open().address)).toBeUndefined();
    expect(server.claim({ url: 'http://elsewhere:1/live/x', worker: 'other' })).toBeUndefined();
  });

  it('ends a reservation no attempt claims, so its followers read the log instead', async () => {
    server = await LiveTextServer.start({ worker: 'worker-1', reservedKeptMs: 150 });
    const address = server.reserve();
    const reader = follow(address.url);
    const startedAt = Date.now();
    await reader.ended;
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(100);
    expect(reader.lines).toEqual([]);
    expect(server.claim(address)).toBeUndefined();
  });

  it('writes to a follower at most once per 25 ms, everything new at once', async () => {
    server = await LiveTextServer.start({ worker: 'w' });
    const writer = server.open();
    const reader = follow(writer.address.url);
    await until(() => server!.stats.subscribers === 1);
    const expected: string[] = [];
    for (let index = 0; index < 100; index++) {
      writer.append(`t${index} `);
      expected.push(`t${index} `);
      await sleep(2);
    }
    writer.end();
    await reader.ended;
    expect(reader.text()).toBe(expected.join(''));
    const spanMs = reader.lines.at(-1)!.at - reader.lines[0]!.at;
    expect(reader.lines.length).toBeLessThanOrEqual(Math.ceil(spanMs / 25) + 2);
    expect(reader.lines.length).toBeGreaterThan(3);
  });

  it('ends a read of an unknown attempt, an unreachable worker, and a worker that goes away', async () => {
    server = await LiveTextServer.start({ worker: 'w' });
    const origin = server.origin;
    const unknown = follow(`${origin}/live/not-a-capability`);
    await unknown.ended;
    expect(unknown.lines).toHaveLength(0);

    const writer = server.open();
    writer.append('partial');
    const reader = follow(writer.address.url);
    await until(() => reader.text() === 'partial');
    await server.close();
    server = undefined;
    await reader.ended;

    const unreachable = follow(writer.address.url);
    await unreachable.ended;
    expect(unreachable.lines).toHaveLength(0);
  });

  it('forgets a follower that stops reading', async () => {
    server = await LiveTextServer.start({ worker: 'w' });
    const writer = server.open();
    const readers = [follow(writer.address.url), follow(writer.address.url)];
    await until(() => server!.stats.subscribers === 2);
    for (const reader of readers) reader.close();
    await Promise.all(readers.map((reader) => reader.ended));
    await until(() => server!.stats.subscribers === 0);
    writer.append('nobody reads this');
    writer.end();
  });
});
