import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../src/common/types';
import { InMemoryConversationStore } from '../src/conversations/in-memory-conversation-store';
import { openAICompatible } from '../src/llm/openai-compatible';
import { calculator } from '../src/tools/calculator';
import { collectEvents, isApprovalRequest, readUntil, untilAnswerContains } from './support/collect-events';
import { ASK_EMAIL, sendEmail } from './support/send-email-tool';
import { connectClient } from './support/temporal-connection';
import { useWorkerProcesses } from './support/use-worker-processes';

/**
 * Records real histories of the current workflow code as replay fixtures (see workflow-replay.test.ts).
 * Runs only when asked: `DURABLE_AGENT_RECORD_HISTORIES=<generation> npx vitest run <this file>` after
 * `npm run build:lib` (the kill -9 scenario runs the built worker). Writes
 * `fixtures/histories/<scenario>.<generation>.json`; add the generation to the README there.
 */
const generation = process.env.DURABLE_AGENT_RECORD_HISTORIES;
const HISTORIES = path.join(__dirname, 'fixtures', 'histories');
const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

const { createFixture, startWorkerProcess } = useWorkerProcesses();
let temporal: Awaited<ReturnType<typeof connectClient>>;

beforeAll(async () => {
  if (generation) temporal = await connectClient();
});
afterAll(async () => {
  await temporal?.connection.close();
});

/** Records the history of the workflow's latest Temporal run, or of `runId` (one of a continue-as-new chain). */
async function record(scenario: string, workflowId: string, runId?: string): Promise<void> {
  const history = await temporal.client.workflow.getHandle(workflowId, runId).fetchHistory();
  mkdirSync(HISTORIES, { recursive: true });
  const file = path.join(HISTORIES, `${scenario}.${generation}.json`);
  writeFileSync(file, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
}

describe.runIf(generation)('recording workflow histories', () => {
  it('records a plain run', async () => {
    const fixture = await createFixture();
    const run = await fixture.agent.stream('Hello!');
    await collectEvents(run.events());
    expect((await run.result()).status).toBe('completed');
    await record('plain-run', run.id);
  });

  it('records a tool round without approval and one with an approval', async () => {
    const fixture = await createFixture({ tools: [calculator, sendEmail] });
    const tool = await fixture.agent.stream('What is 12 * 7?');
    await collectEvents(tool.events());
    expect((await tool.result()).text).toBe('The result is 84.');
    await record('tool-round', tool.id);

    const run = await fixture.agent.stream(ASK_EMAIL);
    await readUntil(run.events(), [], isApprovalRequest);
    const [pending] = await run.pendingApprovals();
    await run.approve(pending!.toolCallId, { approved: true });
    expect((await run.result()).status).toBe('completed');
    await record('approval', run.id);
  });

  it('records a model round retried after kill -9 of its worker', async () => {
    const fixture = await createFixture({ pace: 60, worker: false, agent: { heartbeatTimeout: '2s' } });
    const first = await startWorkerProcess();
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const events = run.events();
    await readUntil(events, [], untilAnswerContains('Day 3'));
    await first.kill();
    await startWorkerProcess();
    await collectEvents(events);
    expect((await run.result()).attempts).toBe(2);
    await record('kill-9-retry', run.id);
  });

  it('records a model call made again after its attempts went to a paused worker that never started them', async () => {
    const fixture = await createFixture({ pace: 60, worker: false, agent: { heartbeatTimeout: '3s' } });
    const workers = [await startWorkerProcess(), await startWorkerProcess()];
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const events = run.events();
    await readUntil(events, [], untilAnswerContains('Day 2'));
    workers.find((worker) => worker.log.includes('activity started'))!.pause();
    await collectEvents(events);
    expect((await run.result()).attempts).toBeGreaterThan(6);
    await record('unstarted-attempts', run.id);
  }, 180_000);

  it('records a run stopped mid-answer', async () => {
    const fixture = await createFixture({ pace: 60 });
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const events = run.events();
    await readUntil(events, [], (event) => event.type === 'TEXT_MESSAGE_CONTENT');
    await run.cancel();
    await collectEvents(events);
    expect((await run.result()).status).toBe('cancelled');
    await record('stop', run.id);
  });

  it('records a round that falls back to the next model, and a structured answer corrected once', async () => {
    const fixture = await createFixture({ worker: false });
    await fixture.startWorker({
      model: openAICompatible({ baseURL: fixture.model.baseURL, model: 'demo', anyModel: true }),
    });
    const fallback = await fixture.agent.stream('Hello!', { models: ['no-such-model', 'demo'] });
    await collectEvents(fallback.events());
    expect((await fallback.result()).attempts).toBe(2);
    await record('model-fallback', fallback.id);

    const structured = await fixture.agent.stream('Write a sloppy travel plan for Japan.', {
      output: {
        type: 'object',
        required: ['days'],
        properties: {
          days: {
            type: 'array',
            items: {
              type: 'object',
              required: ['day', 'city', 'plan'],
              properties: { day: { type: 'integer' } },
            },
          },
        },
      },
    });
    await collectEvents(structured.events());
    expect((await structured.result()).attempts).toBe(2);
    await record('structured-output', structured.id);
  });

  it('records a run that fails on a model error', async () => {
    const fixture = await createFixture();
    fixture.model.injectFault({ kind: 'status', status: 500 });
    fixture.model.injectFault({ kind: 'status', status: 401 });
    const run = await fixture.agent.stream('Hello!');
    await collectEvents(run.events());
    expect((await run.result()).status).toBe('failed');
    await record('model-error', run.id);
  });

  it('records runs that compact older turns: by estimate, and after the model refused the input', async () => {
    const fixture = await createFixture({ contextWindow: 2_000, tools: [calculator] });
    const conversations = new InMemoryConversationStore();
    const filler = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet '.repeat(30);
    await conversations.appendRun('long', 'seed', [
      { role: 'user', content: 'Hi, my name is Ada.' },
      { role: 'assistant', content: 'Nice to meet you, Ada!' },
      ...Array.from({ length: 10 }, (): ConversationMessage[] => [
        { role: 'user', content: 'Tell me a story.' },
        { role: 'assistant', content: filler },
      ]).flat(),
    ]);
    const estimating = await fixture.createAgent({ contextWindow: 2_000, conversations });
    const counting = await estimating.stream('Count to 3 with the calculator.', { conversationId: 'long' });
    await collectEvents(counting.events());
    expect((await counting.result()).text).toBe('I counted to 3 with 3 calculator calls.');
    await record('compaction', counting.id);

    const refusing = await fixture.createAgent({ conversations });
    const refused = await refusing.stream('What is my name?', { conversationId: 'long' });
    await collectEvents(refused.events());
    expect((await refused.result()).text).toBe('Your name is Ada.');
    await record('compaction-refused', refused.id);
  });

  it('records a run that continues as new between rounds: its first Temporal run and a continued one', async () => {
    const fixture = await createFixture({ tools: [calculator] });
    // Its first calculator call approved (and always allowed): the continued run carries the decision.
    const agent = await fixture.createAgent({ continueAsNewAfterEvents: 40, approvalPolicy: 'require-all' });
    const counting = await agent.stream('Count to 4 with the calculator.');
    const events = counting.events();
    await readUntil(events, [], isApprovalRequest);
    const [pending] = await counting.pendingApprovals();
    await counting.approve(pending!.toolCallId, { approved: true, alwaysAllow: true });
    await collectEvents(events);
    expect((await counting.result()).text).toBe('I counted to 4 with 4 calculator calls.');
    const latest = await temporal.client.workflow.getHandle(counting.id).fetchHistory();
    const started = latest.events?.[0]?.workflowExecutionStartedEventAttributes;
    const first = started?.firstExecutionRunId ?? undefined;
    expect(started?.continuedExecutionRunId).toBeTruthy();
    await record('continue-as-new-first', counting.id, first);
    await record('continue-as-new-continued', counting.id);
  });
});
