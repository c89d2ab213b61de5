import { Client, Connection } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../src/client/agent';
import { readRunEvents } from '../src/client/event-reader';
import { MAX_READ_FAILURES, withReadRetries } from '../src/client/read-retries';
import { AgentError } from '../src/common/errors';
import type { AgentEvent } from '../src/common/events';
import { clientInterceptors } from '../src/temporal/connect-client';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { temporalAddress } from './support/temporal-connection';
import { useCleanups } from './support/use-cleanups';

let fixture: AgentFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});
const defer = useCleanups();

/**
 * A client as the library connects it (its retry interceptor), whose gRPC channel takes messages of at
 * most `maxBytes`: a small stand-in for gRPC's 4 MB, so a short run's history is "too large".
 */
async function clientWithMessageLimit(maxBytes: number) {
  const connection = await Connection.connect({
    address: temporalAddress(),
    channelArgs: { 'grpc.max_receive_message_length': maxBytes },
    interceptors: clientInterceptors(),
  });
  defer(() => connection.close());
  return new Client({ connection });
}

/** Counts the history reads a client makes. */
function countHistoryReads(client: Client): { count: number } {
  const counter = { count: 0 };
  const service = client.workflowService;
  const read = service.getWorkflowExecutionHistory.bind(service);
  service.getWorkflowExecutionHistory = ((request: Parameters<typeof read>[0]) => {
    counter.count += 1;
    return read(request);
  }) as typeof service.getWorkflowExecutionHistory;
  return counter;
}

async function drain(events: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const read: AgentEvent[] = [];
  for await (const event of events) read.push(event);
  return read;
}

describe('readRunEvents: reading Temporal has limits', () => {
  it('a history with events larger than a gRPC message may be is read in smaller pages, never twice alike, then the error says so in words', async () => {
    fixture = await createAgentFixture();
    const run = await fixture.agent.stream('hello');
    await run.result();
    const client = await clientWithMessageLimit(2000);
    const reads = countHistoryReads(client);
    const started = Date.now();

    const reading = drain(
      readRunEvents(
        client,
        client.workflow.getHandle(run.id),
        { runId: run.runId, threadId: run.conversationId },
        0,
      ),
    );

    const error = await reading.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AgentError);
    expect((error as AgentError).code).toBe('history-too-large');
    expect((error as AgentError).message).toMatch(
      /cannot be read: Temporal's answer is [\d.]+ MB, more than the 0\.0 MB a gRPC message may carry \(RESOURCE_EXHAUSTED\) — asking again would not help/,
    );
    // The server's page, then 64, 16, 4 and 1 event a page (each once), plus the pages that did fit: one
    // event each, each event at most once (a plain run's history has 17–21 events).
    expect(reads.count).toBeGreaterThan(4);
    expect(reads.count).toBeLessThanOrEqual(5 + 21);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops at once when its AbortSignal aborts, in the middle of a long poll', async () => {
    fixture = await createAgentFixture({ worker: false });
    const agent = await fixture.createAgent({ mode: 'autonomous' });
    const run = await agent.stream('hello');
    const abort = new AbortController();
    const reading = drain(run.events({ signal: abort.signal }));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const aborted = Date.now();
    abort.abort();
    const events = await reading;
    expect(Date.now() - aborted).toBeLessThan(1000);
    expect(events.some((event) => event.type === 'RUN_FINISHED')).toBe(false);
    await run.cancel();
  });

  it('ends when its agent is closed, instead of retrying on a closed connection', async () => {
    fixture = await createAgentFixture({ worker: false });
    const agent = await Agent.create({
      name: 'assistant',
      taskQueue: fixture.taskQueue,
      temporal: { address: temporalAddress() },
      mode: 'autonomous',
    });
    const run = await agent.stream('hello');
    const reading = drain(run.events());
    await new Promise((resolve) => setTimeout(resolve, 500));
    await agent.close();
    const closed = Date.now();
    const outcome = await Promise.race([
      reading.then(() => 'ended'),
      new Promise((resolve) => setTimeout(() => resolve('still reading'), 30_000)),
    ]);
    expect(outcome).toBe('ended');
    expect(Date.now() - closed).toBeLessThan(2000);
    await (await fixture.agent.attach(run.id)).cancel();
  }, 40_000);
});

describe('withReadRetries', () => {
  const unavailable = Object.assign(new Error('14 UNAVAILABLE: connection refused'), { code: 14 });
  const overloaded = Object.assign(new Error('8 RESOURCE_EXHAUSTED: namespace rate limit exceeded'), {
    code: 8,
  });

  it(`asks again with backoff, at most ${MAX_READ_FAILURES} times in a row, then names the failure`, async () => {
    const times: number[] = [];
    const error = await withReadRetries(
      async () => {
        times.push(Date.now());
        throw unavailable;
      },
      'the history of r',
      undefined,
    ).catch((thrown: unknown) => thrown);
    expect(times).toHaveLength(MAX_READ_FAILURES);
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]! * 1.5);
    expect(error).toMatchObject({
      code: 'temporal-unreachable',
      message: `reading the history of r failed ${MAX_READ_FAILURES} times in a row: 14 UNAVAILABLE: connection refused`,
    });
  }, 30_000);

  it('waits longer when Temporal says it is overloaded, and says so', async () => {
    const times: number[] = [];
    const abort = new AbortController();
    const reading = withReadRetries(
      async () => {
        times.push(Date.now());
        if (times.length === 2) abort.abort();
        throw overloaded;
      },
      'the history of r',
      abort.signal,
    ).catch((thrown: unknown) => thrown);
    expect(await reading).toMatchObject({ name: 'ReadStopped' });
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1900);
  });

  it('never asks again after a refusal (not found)', async () => {
    let count = 0;
    const notFound = Object.assign(new Error('5 NOT_FOUND: workflow not found'), { code: 5 });
    await expect(
      withReadRetries(
        async () => {
          count += 1;
          throw notFound;
        },
        'x',
        undefined,
      ),
    ).rejects.toBe(notFound);
    expect(count).toBe(1);
  });
});
