import { afterEach, describe, expect, it } from 'vitest';
import type { AgentOptions } from '../src/client/agent-options';
import { listConversationRuns } from '../src/client/conversation-runs';
import type { AgentEvent } from '../src/common/events';
import { answerText, reduceRunEvents } from '../src/runs';
import { InMemoryRunJournal } from '../src/runs/in-memory-run-journal';
import { calculator } from '../src/tools/calculator';
import type { AgentFixture } from './support/agent-fixture';
import { collectEvents } from './support/collect-events';
import {
  chainOf,
  closeTemporalClient,
  continuedTimes,
  temporalClient,
} from './support/continue-as-new-chain';
import { useWorkerProcesses } from './support/use-worker-processes';

/** Low enough that a run of a few calculator rounds continues as new every two or three rounds. */
const CONTINUE_AFTER_EVENTS = 40;

afterEach(closeTemporalClient);
const { createFixture, startWorkerProcess } = useWorkerProcesses();

/**
 * A fixture whose agent continues as new after `CONTINUE_AFTER_EVENTS` (plus `agent`), with the calculator,
 * and one worker process on its task queue.
 */
async function calculatorFixture(options: { pace?: number; agent?: Partial<AgentOptions> } = {}) {
  const fixture = await createFixture({
    pace: options.pace,
    worker: false,
    tools: [calculator],
    agent: { continueAsNewAfterEvents: CONTINUE_AFTER_EVENTS, ...options.agent },
  });
  return { fixture, worker: await startWorkerProcess() };
}

/** Starts `prompt`, reads its events from the start, and returns once the run has continued as new. */
async function streamPastContinuation(fixture: AgentFixture, prompt: string) {
  const run = await fixture.agent.stream(prompt);
  const reading = collectEvents(run.events());
  await continuedTimes(run.id, 1);
  return { run, reading };
}

function toolResults(events: readonly AgentEvent[]): { toolCallId: string; content: string }[] {
  return events.flatMap((event) =>
    event.type === 'TOOL_CALL_RESULT'
      ? [{ toolCallId: event.toolCallId, content: String(event.content) }]
      : [],
  );
}

/** The calculator's results in order: one per step, 1 to `goal`, each once. */
function countedTo(goal: number): string[] {
  return Array.from({ length: goal }, (_, index) =>
    JSON.stringify({ expression: `${index} + 1`, result: index + 1 }),
  );
}

/** The conversation's runs once Temporal's listing (eventually consistent) shows the run closed. */
async function listedOnceClosed(conversationId: string, id: string) {
  const client = await temporalClient();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const runs = await listConversationRuns(client, 'assistant', conversationId);
    const ofRun = runs.filter((each) => each.id === id);
    if ((ofRun.length > 0 && ofRun.every((each) => !each.running)) || Date.now() > deadline) return runs;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Every offset of the log once, in order, across the chain's Temporal runs (an attempt's start read live
 * carries the offset of the log event before it, a documented trait of live text).
 */
function expectWholeLog(events: readonly AgentEvent[]): void {
  expect(events.every((event, index) => index === 0 || event.seq >= events[index - 1]!.seq)).toBe(true);
  expect(events.at(-1)?.seq).toBe(new Set(events.map((event) => event.seq)).size - 1);
}

/**
 * The log as a reader sees it, text aside: text deltas are compared as the answer they join into (a
 * follower reading live gets them in other pieces than one reading the history).
 */
function shape(events: readonly AgentEvent[]): string[] {
  const view = reduceRunEvents(events);
  return [
    ...events
      .filter((event) => event.type !== 'TEXT_MESSAGE_CONTENT')
      .map((event) => `${event.seq} ${event.type}`),
    ...view.messages.map((message) => message.text),
    JSON.stringify(view.usage),
  ];
}

describe('a run whose history grows long', () => {
  it('continues as new between rounds and finishes once: the exact answer, each tool call once, usage summed once, the same events for followers before and after, and in the export', async () => {
    const { fixture } = await calculatorFixture();
    const run = await fixture.agent.stream('Count to 8 with the calculator.');
    const before = collectEvents(run.events());
    const result = await run.result();
    const early = await before;

    expect(result.status).toBe('completed');
    expect(result.text).toBe('I counted to 8 with 8 calculator calls.');
    const chain = await chainOf(run.id);
    console.log(
      `[continue-as-new] ${run.id}: history events per Temporal run ${chain.map((each) => each.events).join(', ')}`,
    );
    expect(chain.length, JSON.stringify(chain)).toBeGreaterThanOrEqual(3);
    expect(chain.slice(0, -1).every((each) => each.continued)).toBe(true);

    // Each tool call once, in the events and in the result, across the chain.
    expect(toolResults(early).map((each) => each.content)).toEqual(countedTo(8));
    expect(new Set(toolResults(early).map((each) => each.toolCallId)).size).toBe(8);
    expect(result.messages.filter((message) => message.role === 'tool')).toHaveLength(8);
    expect(result.rounds).toBe(9);
    expect(result.usageByAttempt.map((entry) => entry.round)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Usage summed once: the result's total is its attempts' sum, and the events say the same.
    expect(result.usage.totalTokens).toBe(
      result.usageByAttempt.reduce((sum, entry) => sum + entry.totalTokens, 0),
    );
    const view = reduceRunEvents(early);
    expect(view.usage.totalTokens).toBe(result.usage.totalTokens);
    expect(answerText(view)).toBe(result.text);
    expect(early.filter((event) => event.type === 'RUN_STARTED')).toHaveLength(1);
    expect(early.filter((event) => event.type === 'RUN_FINISHED')).toHaveLength(1);
    expectWholeLog(early);

    // A follower attaching after the end, and one of a client that never saw the run, read the same.
    const late = await collectEvents((await fixture.agent.attach(run.id)).events());
    expect(shape(late)).toEqual(shape(early));
    const otherClient = await fixture.createAgent();
    const fresh = await collectEvents((await otherClient.attach(run.id)).events());
    expect(shape(fresh)).toEqual(shape(early));
    expect((await (await otherClient.attach(run.id)).result()).text).toBe(result.text);

    // The export reads the whole chain: every event, and every tool call's worker.
    const exported = await fixture.agent.exportRun(run.id);
    expect(shape(exported.events)).toEqual(shape(early));
    expect(exported.workers.filter((attempt) => attempt.activity === 'callTool')).toHaveLength(8);
    expect(exported.prompt).toBe('Count to 8 with the calculator.');

    // The run started when its first Temporal run did.
    const chainStart = await (await temporalClient()).workflow.getHandle(run.id, chain[0]!.runId).describe();
    expect((await run.execution()).startedAt).toEqual(chainStart.startTime);

    // Temporal lists every Temporal run of the chain; the conversation's runs list the run once, closed.
    const listed = await listedOnceClosed(run.conversationId, run.id);
    expect(listed.map((each) => each.id)).toEqual([run.id]);
  }, 120_000);

  it('a reader that starts after the run continued as new reads it from its start', async () => {
    const { fixture } = await calculatorFixture();
    const run = await fixture.agent.stream('Count to 6 with the calculator.');
    await continuedTimes(run.id, 1);
    const attached = await (await fixture.createAgent()).attach(run.id);
    const events = await collectEvents(attached.events());
    const result = await run.result();
    expect(events[0]?.type).toBe('RUN_STARTED');
    expectWholeLog(events);
    expect(toolResults(events).map((each) => each.content)).toEqual(countedTo(6));
    expect(answerText(reduceRunEvents(events))).toBe(result.text);
    expect(result.text).toBe('I counted to 6 with 6 calculator calls.');
  }, 120_000);

  it('is stopped by a cancel after it continued as new', async () => {
    const { fixture } = await calculatorFixture({ agent: { maxIterations: 200 } });
    const { run, reading } = await streamPastContinuation(fixture, 'Count to 100 with the calculator.');
    await run.cancel();
    const result = await run.result();
    const events = await reading;

    expect(result.status).toBe('cancelled');
    const counted = toolResults(events).map((each) => each.content);
    expect(counted.length).toBeLessThan(100);
    expect(counted).toEqual(countedTo(counted.length));
    expect(events.at(-1)?.type).toBe('RUN_FINISHED');
    expect(reduceRunEvents(events).phase).toBe('cancelled');
  }, 120_000);

  it('ends with the answer once when its worker is killed with kill -9 after it continued as new', async () => {
    const { fixture, worker: first } = await calculatorFixture({
      pace: 20,
      agent: { heartbeatTimeout: '2s', maxIterations: 20 },
    });
    const { run, reading } = await streamPastContinuation(fixture, 'Count to 12 with the calculator.');
    const handle = (await temporalClient()).workflow.getHandle(run.id);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await first.kill();
    await startWorkerProcess();
    const seen = await reading;
    const result = await run.result();

    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    expect(result.text).toBe('I counted to 12 with 12 calculator calls.');
    expect(toolResults(seen).map((each) => each.content)).toEqual(countedTo(12));
    expect(result.messages.filter((message) => message.role === 'tool')).toHaveLength(12);
    const view = reduceRunEvents(seen);
    expect(answerText(view)).toBe(result.text);
    expect(seen.filter((event) => event.type === 'RUN_FINISHED')).toHaveLength(1);
    const late = await collectEvents((await fixture.agent.attach(run.id)).events());
    expect(shape(late)).toEqual(shape(seen));
    expect((await chainOf(run.id)).length).toBeGreaterThanOrEqual(2);
  }, 180_000);

  it('keeps counting its budget across the continuation: the tool-call limit spans its Temporal runs', async () => {
    const { fixture } = await calculatorFixture();
    const run = await fixture.agent.stream('Count to 8 with the calculator.', {
      budget: { maxToolCalls: 6 },
    });
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.status).toBe('budget-exhausted');
    expect(result.budget).toMatchObject({ limit: 'tool-calls', value: 6, spent: 6 });
    expect(result.spend?.toolCalls).toBe(6);
    expect(toolResults(events).map((each) => each.content)).toEqual([
      ...countedTo(6),
      'The tool call was skipped: Budget of 6 tool calls reached (spent 6 tool calls)',
    ]);
    expect((await chainOf(run.id)).length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('takes steers sent after one continuation and after the next, each once and in order', async () => {
    const { fixture } = await calculatorFixture({ agent: { maxIterations: 200 } });
    const { run, reading } = await streamPastContinuation(fixture, 'Count to 100 with the calculator.');
    const first = await run.steer('Count to 80 with the calculator.');
    await continuedTimes(run.id, (await chainOf(run.id)).length);
    const second = await run.steer('Count to 3 with the calculator.');
    const result = await run.result();
    const events = await reading;

    expect([first.steerId, second.steerId]).toEqual(['steer-1', 'steer-2']);
    expect(result.status).toBe('completed');
    expect(result.text).toBe('I counted to 3 with 3 calculator calls.');
    const steers = ['Count to 80 with the calculator.', 'Count to 3 with the calculator.'];
    expect(result.messages.filter((message) => message.role === 'user').map((each) => each.content)).toEqual(
      steers,
    );
    expect(reduceRunEvents(events).steers?.map((steer) => steer.text)).toEqual(steers);
  }, 180_000);

  it("is followed to its end through the chain by a follower whose client closed mid-run (the app's way)", async () => {
    const { fixture } = await calculatorFixture({ agent: { maxIterations: 200 } });
    const closing = await fixture.createAgent();
    const journal = new InMemoryRunJournal();
    const followed = await closing.submit('Count to 30 with the calculator.', { journal });
    await continuedTimes(followed.id, 1);
    await closing.close();
    await expect(followed.done).rejects.toMatchObject({ code: 'following-stopped' });
    const saved = journal.get(followed.id)!;
    expect(saved.ending).toBeUndefined();

    const ending = await fixture.agent.follow(saved.entry, journal, { from: saved.view }).done;

    expect(ending?.result.status).toBe('completed');
    expect(ending?.result.text).toBe('I counted to 30 with 30 calculator calls.');
    expect(answerText(ending!.view)).toBe(ending?.result.text);
    expect(ending!.view.toolCalls).toHaveLength(30);
    expect(ending!.view.usage.totalTokens).toBe(ending?.result.usage.totalTokens);
    expect(journal.get(followed.id)?.finishes).toBe(1);
    expect((await chainOf(followed.id)).length).toBeGreaterThanOrEqual(3);
  }, 180_000);
});
