import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_QUIET_MS, withLiveText } from '../../src/client/live-text-merge';
import {
  type AgentEvent,
  controlEvent,
  type LiveTextAddress,
  messageEvents,
  type PublishedEvent,
  runEvents,
} from '../../src/common/events';
import { LiveTextServer } from '../../src/live/live-text-server';
import { answerText, reduceRunEvents } from '../../src/runs';

const context = { runId: 'run', threadId: 'thread' };
let server: LiveTextServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A run's log that the test writes to, read as the history reader would hand it out. */
function scriptedLog() {
  const queued: AgentEvent[] = [];
  let wake: (() => void) | undefined;
  let seq = 0;
  async function* read(): AsyncGenerator<AgentEvent> {
    for (;;) {
      while (queued.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      yield queued.shift()!;
    }
  }
  const add = (event: PublishedEvent) => {
    queued.push({ ...event, seq: seq++ });
    wake?.();
  };
  return { read, add };
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Takes events from `events` until `until` holds for the view. */
async function readUntil(events: AsyncGenerator<AgentEvent>, seen: AgentEvent[], until: () => boolean) {
  while (!until()) {
    const next = await events.next();
    if (next.done) throw new Error('ended early');
    seen.push(next.value);
  }
}

describe('withLiveText', () => {
  it('adds the worker’s live text between log batches, once, and stops reading it at the message end', async () => {
    server = await LiveTextServer.start({ worker: 'w' });
    const writer = server.open();
    const log = scriptedLog();
    const events = withLiveText(() => log.read(), 0);
    const seen: AgentEvent[] = [];
    const text = () => answerText(reduceRunEvents(seen));

    log.add(messageEvents.start(context, 'm', 1, writer.address));
    writer.append('Hello');
    log.add(messageEvents.content(context, 'm', 1, 'Hello', 0));
    await readUntil(events, seen, () => text() === 'Hello');
    writer.append(', wor');
    await readUntil(events, seen, () => text() === 'Hello, wor');
    const liveEvents = seen.filter((event) => event.live);
    expect(liveEvents.length).toBeGreaterThan(0);
    expect(liveEvents.every((event) => event.seq === 1)).toBe(true);

    writer.append('ld');
    log.add(messageEvents.content(context, 'm', 1, ', world', 5));
    log.add(messageEvents.end(context, 'm', 1));
    await readUntil(events, seen, () => seen.at(-1)?.type === 'TEXT_MESSAGE_END');
    expect(text()).toBe('Hello, world');
    // The live delta that repeats what the reader has is not handed out again.
    const liveText = seen.filter((event) => event.live).map((event) => (event as { delta: string }).delta);
    expect(liveText.join('')).not.toContain('Hello');
    await waitFor(() => server!.stats.subscribers === 0);

    log.add(runEvents.finished(context, { status: 'completed' }));
    await readUntil(events, seen, () => seen.at(-1)?.type === 'RUN_FINISHED');
    expect((await events.next()).done).toBe(true);
    writer.end();
  });

  it('stops reading live when an attempt is reset, and when the reader stops', async () => {
    server = await LiveTextServer.start({ worker: 'w' });
    const first = server.open();
    const log = scriptedLog();
    const events = withLiveText(() => log.read(), 0);
    const seen: AgentEvent[] = [];
    log.add(messageEvents.start(context, 'm', 1, first.address));
    first.append('Day 1');
    await readUntil(events, seen, () => answerText(reduceRunEvents(seen)) === 'Day 1');
    expect(server.stats.subscribers).toBe(1);
    log.add(controlEvent(context, 'attempt-reset', { messageId: 'm', attempt: 2, reason: 'lost' }));
    await readUntil(events, seen, () => seen.at(-1)?.type === 'CUSTOM');
    await waitFor(() => server!.stats.subscribers === 0);

    const second = server.open();
    log.add(messageEvents.start(context, 'm', 2, second.address));
    second.append('Day 1 again');
    await readUntil(events, seen, () => answerText(reduceRunEvents(seen)) === 'Day 1 again');
    await events.return(undefined);
    await waitFor(() => server!.stats.subscribers === 0);
  });

  it('follows an announced attempt from its reserved address, and from where it moved when it runs elsewhere', async () => {
    server = await LiveTextServer.start({ worker: 'w' });
    const log = scriptedLog();
    const events = withLiveText(() => log.read(), 0);
    const seen: AgentEvent[] = [];
    const reading = (async () => {
      for await (const event of events) seen.push(event);
    })();
    const liveText = (messageId: string) =>
      seen
        .filter((event) => event.live && event.messageId === messageId)
        .map((event) => (event as { delta: string }).delta)
        .join('');

    // The workflow announced round 1 with an address reserved here; the call claims it.
    const reserved = server.reserve();
    log.add(messageEvents.start(context, 'm-1', 1, reserved));
    await waitFor(() => server!.stats.subscribers === 1);
    const claimed = server.claim(reserved)!;
    claimed.append('Round one');
    await waitFor(() => liveText('m-1') === 'Round one');
    claimed.end();
    log.add(messageEvents.end(context, 'm-1', 1));
    await waitFor(() => server!.stats.subscribers === 0);

    // Round 2 was announced here too, but another worker runs it: its text is read where it moved.
    const stranded = server.reserve();
    log.add(messageEvents.start(context, 'm-2', 1, stranded));
    await waitFor(() => server!.stats.subscribers === 1);
    const elsewhere = server.open();
    log.add(
      controlEvent(context, 'live-text-moved', { messageId: 'm-2', attempt: 1, liveText: elsewhere.address }),
    );
    await waitFor(() => elsewhere.followed && server!.stats.subscribers === 1);
    elsewhere.append('Round two');
    await waitFor(() => liveText('m-2') === 'Round two');
    expect(reduceRunEvents(seen).messages.map((message) => message.text)).toEqual(['Round one', 'Round two']);
    log.add(runEvents.finished(context, { status: 'completed' }));
    await reading;
    await waitFor(() => server!.stats.subscribers === 0);
    elsewhere.end();
  });

  it('a reader resuming after an attempt’s start reads that attempt live from what it has', async () => {
    server = await LiveTextServer.start({ worker: 'w' });
    const writer = server.open();
    writer.append('Day 1, Day 2');
    const earlier: AgentEvent[] = [
      { ...messageEvents.start(context, 'm', 1, writer.address), seq: 0 },
      { ...messageEvents.content(context, 'm', 1, 'Day 1', 0), seq: 1 },
    ];
    const log = scriptedLog();
    const events = withLiveText((onEarlier) => {
      for (const event of earlier) onEarlier(event);
      return log.read();
    }, 2);
    const seen: AgentEvent[] = [];
    const resumedView = reduceRunEvents(earlier);
    await readUntil(events, seen, () => answerText(reduceRunEvents(seen, resumedView)) === 'Day 1, Day 2');
    expect(seen.every((event) => event.live)).toBe(true);
    expect(seen[0]).toMatchObject({ offset: 5, delta: ', Day 2' });
    await events.return(undefined);
    await waitFor(() => server!.stats.subscribers === 0);
    writer.end();
  });

  it('holds the log while text arrives live, and reads it again when the live text falls quiet or ends', async () => {
    server = await LiveTextServer.start({ worker: 'w' });
    const writer = server.open();
    const log = scriptedLog();
    const events = withLiveText(() => log.read(), 0);
    // Consumed in the background, as a follower would: what has been handed out, and when.
    const handedOut: { event: AgentEvent; at: number }[] = [];
    const consuming = (async () => {
      for await (const event of events) handedOut.push({ event, at: Date.now() });
    })();
    const fromLog = (delta: string) =>
      handedOut.find(({ event }) => !event.live && 'delta' in event && event.delta === delta);
    log.add(messageEvents.start(context, 'm', 1, writer.address));
    await waitFor(() => server!.stats.subscribers === 1);
    writer.append('Hello');
    await waitFor(() => handedOut.some(({ event }) => event.live));
    log.add(messageEvents.content(context, 'm', 1, 'Hello', 0)); // the read under way hands it out
    await waitFor(() => fromLog('Hello') !== undefined);

    // Text keeps arriving live: a batch the log has meanwhile waits.
    log.add(messageEvents.content(context, 'm', 1, ', wor', 5));
    for (const delta of [', ', 'wo', 'r']) {
      await sleep(150);
      writer.append(delta);
    }
    expect(fromLog(', wor')).toBeUndefined();
    // The live text falls quiet: the log is read again within LIVE_QUIET_MS.
    const quietFrom = Date.now();
    await waitFor(() => fromLog(', wor') !== undefined, 3000);
    expect(fromLog(', wor')!.at - quietFrom).toBeLessThan(LIVE_QUIET_MS + 500);

    // Live again, then the attempt ends: the log is read again at once.
    writer.append('ld');
    await waitFor(() => answerText(reduceRunEvents(handedOut.map(({ event }) => event))) === 'Hello, world');
    log.add(messageEvents.content(context, 'm', 1, 'ld', 10)); // the read under way hands it out
    await waitFor(() => fromLog('ld') !== undefined);
    log.add(messageEvents.end(context, 'm', 1)); // held: text came live a moment ago
    await sleep(100);
    expect(handedOut.some(({ event }) => event.type === 'TEXT_MESSAGE_END')).toBe(false);
    const endedAt = Date.now();
    writer.end();
    await waitFor(() => handedOut.some(({ event }) => event.type === 'TEXT_MESSAGE_END'));
    expect(Date.now() - endedAt).toBeLessThan(LIVE_QUIET_MS / 2);
    log.add(runEvents.finished(context, { status: 'completed' }));
    await consuming;
    expect(answerText(reduceRunEvents(handedOut.map(({ event }) => event)))).toBe('Hello, world');
  });

  it('reads on from the log alone when the live address cannot be reached', async () => {
    const log = scriptedLog();
    const events = withLiveText(() => log.read(), 0);
    const seen: AgentEvent[] = [];
    const nowhere: LiveTextAddress = { url: 'http://127.0.0.1:9/live/nothing', worker: 'gone' };
    log.add(messageEvents.start(context, 'm', 1, nowhere));
    log.add(messageEvents.content(context, 'm', 1, 'From the log', 0));
    log.add(messageEvents.end(context, 'm', 1));
    log.add(runEvents.finished(context, { status: 'completed' }));
    for await (const event of events) seen.push(event);
    expect(answerText(reduceRunEvents(seen))).toBe('From the log');
    expect(seen.some((event) => event.live)).toBe(false);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await sleep(5);
  }
}
