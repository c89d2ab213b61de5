import { afterEach, describe, expect, it } from 'vitest';
import { readRunEventsByPolling } from '../src/client/polling-event-reader';
import { type AgentEvent, asControlEvent, isTerminalEvent } from '../src/common/events';
import { answerText, reduceRunEvents } from '../src/runs';
import { calculator } from '../src/tools/calculator';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents, isApprovalRequest, readUntil } from './support/collect-events';
import { ASK_EMAIL, sendEmail } from './support/send-email-tool';
import { connectClient } from './support/temporal-connection';

let fixture: AgentFixture | undefined;
let closeClient: (() => Promise<void>) | undefined;
afterEach(async () => {
  await fixture?.close();
  await closeClient?.();
  fixture = undefined;
  closeClient = undefined;
});

/**
 * The run's log as the workflow holds it, read the old way (an update per poll) while the run is open —
 * a poll can miss the last events while the run closes — and the log's length, asked of the closed run.
 */
async function workflowLog(runId: string, id: string): Promise<{ events: AgentEvent[]; length: number }> {
  const { client, connection } = await connectClient();
  closeClient = () => connection.close();
  const handle = client.workflow.getHandle(id);
  const events: AgentEvent[] = [];
  for await (const event of readRunEventsByPolling(client, handle, { runId, threadId: '' }, 0)) {
    if (event.local) break;
    events.push(event);
    if (isTerminalEvent(event)) break;
  }
  await handle.result();
  const length = await handle.query<number>('__temporal_workflow_stream_offset');
  return { events, length };
}

/** `fromHistory` is the workflow's log: the same events with the same seqs, all of them. */
function expectWorkflowLog(fromHistory: AgentEvent[], reference: { events: AgentEvent[]; length: number }) {
  expect(fromHistory.slice(0, reference.events.length)).toEqual(reference.events);
  expect(fromHistory.map((event) => event.seq)).toEqual(fromHistory.map((_, index) => index));
  expect(fromHistory.length).toBe(reference.length);
  expect(isTerminalEvent(fromHistory.at(-1)!)).toBe(true);
}

describe('run events read from history', () => {
  it('are the events of the workflow, in its order and with its seqs: tools, an approval, text', async () => {
    fixture = await createAgentFixture({ pace: 400, tools: [calculator, sendEmail] });
    const run = await fixture.agent.stream(ASK_EMAIL);
    const reference = workflowLog(run.runId, run.id);
    const live = run.events();
    await readUntil(live, [], isApprovalRequest);
    const [pending] = await run.pendingApprovals();
    await run.approve(pending!.toolCallId, { approved: true });
    await collectEvents(live);
    const fromHistory = await collectEvents((await fixture.agent.attach(run.id)).events());
    expectWorkflowLog(fromHistory, await reference);
  });

  it('are the events of the workflow when an attempt fails mid-stream and is retried', async () => {
    fixture = await createAgentFixture({ pace: 400 });
    fixture.model.injectFault({ kind: 'disconnect', afterTokens: 40 });
    const run = await fixture.agent.stream('reply with 200 tokens');
    const reference = workflowLog(run.runId, run.id);
    const live = await collectEvents(run.events());
    const result = await run.result();
    expect(result.attempts).toBe(2);
    expect(live.some((event) => asControlEvent(event)?.name === 'attempt-reset')).toBe(true);
    expect(answerText(reduceRunEvents(live))).toBe(result.text);
    // All of the log, in order; text read live from the worker comes between its events.
    expectWorkflowLog(
      live.filter((event) => !event.live),
      await reference,
    );
  });

  it('are the events of the workflow when the run is stopped mid-stream, also from any seq later', async () => {
    fixture = await createAgentFixture({ pace: 100 });
    const run = await fixture.agent.stream('reply with 500 tokens');
    const reference = workflowLog(run.runId, run.id);
    const live = run.events();
    await readUntil(live, [], (event) => event.type === 'TEXT_MESSAGE_CONTENT');
    await run.cancel();
    await collectEvents(live);
    const result = await run.result();
    expect(result.status).toBe('cancelled');
    const all = await collectEvents((await fixture.agent.attach(run.id)).events());
    expectWorkflowLog(all, await reference);
    expect(answerText(reduceRunEvents(all))).toBe(result.text);
    const tail = await collectEvents((await fixture.agent.attach(run.id)).events({ fromSeq: 3 }));
    expect(tail).toEqual(all.slice(3));
  });
});
