import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerText, applyRunEvent, EMPTY_RUN_VIEW } from '../../src/runs';
import { type AgentFixture, createAgentFixture } from '../support/agent-fixture';
import { OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { WorkerProcess } from '../support/worker-process';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const OTEL_VARIABLES = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_BSP_SCHEDULE_DELAY',
];

let receiver: OtlpReceiver;
let fixture: AgentFixture | undefined;
const workers: WorkerProcess[] = [];

beforeEach(async () => {
  receiver = await OtlpReceiver.start();
  // This test process is the client (CLI or app host): its Agent starts each run's trace.
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
  process.env.OTEL_BSP_SCHEDULE_DELAY = '100';
});

afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.kill().catch(() => undefined);
  await fixture?.close();
  fixture = undefined;
  await receiver.close();
  for (const name of OTEL_VARIABLES) delete process.env[name];
});

async function startWorker(environment: Record<string, string> = {}): Promise<WorkerProcess> {
  const worker = await WorkerProcess.start(fixture!.taskQueue, fixture!.model.baseURL, undefined, {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_BSP_SCHEDULE_DELAY: '100',
    ...environment,
  });
  workers.push(worker);
  return worker;
}

const parentOf = (span: ReceivedSpan) => receiver.spans.find((each) => each.spanId === span.parentSpanId);
const byAttempt = (a: ReceivedSpan, b: ReceivedSpan) =>
  Number(a.attributes['durable_agent.model_call']) - Number(b.attributes['durable_agent.model_call']) ||
  Number(a.attributes['durable_agent.attempt']) - Number(b.attributes['durable_agent.attempt']);

function expectNoDuplicates(spans: readonly ReceivedSpan[]): void {
  expect(new Set(spans.map((span) => span.spanId)).size).toBe(spans.length);
  const keys = spans
    .filter((span) => /^(chat|execute_tool|invoke_agent)/.test(span.name))
    .map(
      (span) =>
        `${span.name}#${span.attributes['durable_agent.model_call']}#${span.attributes['durable_agent.attempt']}`,
    );
  expect(new Set(keys).size).toBe(keys.length);
  expect(receiver.named('RunWorkflow:agentRun')).toHaveLength(1);
}

describe('OpenTelemetry traces of a run', () => {
  it('exports one trace per run over OTLP/protobuf: invoke_agent, a chat span per attempt (the retry too) and execute_tool, joined to Temporal spans', async () => {
    fixture = await createAgentFixture({ worker: false });
    await startWorker();
    fixture.model.injectFault({ kind: 'status', status: 500 });
    const run = await fixture.agent.stream('What is 12 * 7?');
    const result = await run.result();
    expect(result.status).toBe('completed');
    await receiver.waitFor(
      () => receiver.named('invoke_agent').length === 1 && receiver.named('StartWorkflow').length === 1,
    );

    expect([...receiver.contentTypes]).toEqual(['application/x-protobuf']);
    const [invoke] = receiver.named('invoke_agent');
    expect(invoke!.name).toBe('invoke_agent assistant');
    expect(invoke!.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'assistant',
      'gen_ai.conversation.id': run.conversationId,
      temporalWorkflowId: run.id,
      'gen_ai.usage.input_tokens': result.usage.promptTokens,
      'gen_ai.usage.output_tokens': result.usage.completionTokens,
    });
    // The client started the trace; the workflow, its activities and the GenAI spans are all in it.
    const root = receiver.named('StartWorkflow:agentRun')[0]!;
    expect(root.parentSpanId).toBe('');
    const trace = receiver.spans.filter((span) => span.traceId === root.traceId);
    expect(parentOf(invoke!)?.name).toBe('RunWorkflow:agentRun');
    expect(parentOf(parentOf(invoke!)!)).toBe(root);

    const chats = receiver.named('chat').sort(byAttempt);
    expect(
      chats.map((span) => [
        span.attributes['durable_agent.model_call'],
        span.attributes['durable_agent.attempt'],
        span.status.code,
      ]),
    ).toEqual([
      [1, 1, 2],
      [1, 2, 0],
      [2, 1, 0],
    ]);
    for (const chat of chats) {
      expect(trace).toContain(chat);
      expect(chat.name).toBe('chat demo');
      expect(chat.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'demo',
        'gen_ai.conversation.id': run.conversationId,
        temporalWorkflowId: run.id,
      });
      expect(parentOf(chat)?.name).toBe('RunActivity:invokeModelStreaming');
      expect(parentOf(parentOf(chat)!)?.name).toBe('StartActivity:invokeModelStreaming');
      expect(parentOf(parentOf(parentOf(chat)!)!)).toBe(invoke);
    }
    expect(chats[0]!.attributes['error.type']).toBeDefined();
    expect(chats[1]!.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(chats[1]!.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);

    const [tool] = receiver.named('execute_tool');
    expect(tool!.name).toBe('execute_tool calculator');
    expect(tool!.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'calculator',
    });
    expect(parentOf(tool!)?.name).toBe('RunActivity:callTool');
    expect(trace).toContain(tool);
    // No prompt or completion text without the user's opt-in.
    for (const span of receiver.spans)
      for (const key of Object.keys(span.attributes))
        expect(key).not.toMatch(/messages|arguments|result|instructions/);
    expectNoDuplicates(receiver.spans);
  }, 120_000);

  it('exports over OTLP/JSON and records prompts and completions only when the user opts in', async () => {
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json';
    fixture = await createAgentFixture({ worker: false });
    await startWorker({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true',
    });
    const result = await fixture.agent.run('What is 12 * 7?');
    expect(result.status).toBe('completed');
    await receiver.waitFor(() => receiver.named('invoke_agent').length === 1);

    expect([...receiver.contentTypes]).toEqual(['application/json']);
    const chats = receiver.named('chat').sort(byAttempt);
    expect(String(chats[0]!.attributes['gen_ai.input.messages'])).toContain('What is 12 * 7?');
    expect(String(chats[1]!.attributes['gen_ai.output.messages'])).toContain(result.text);
    const [tool] = receiver.named('execute_tool');
    expect(tool!.attributes['gen_ai.tool.call.arguments']).toContain('12');
    expect(tool!.attributes['gen_ai.tool.call.result']).toContain('84');
    expectNoDuplicates(receiver.spans);
  }, 120_000);

  it('nests a sub-agent as a child invoke_agent span of its parent run, in the same trace', async () => {
    fixture = await createAgentFixture({ worker: false });
    await startWorker({ AGENT_SUB_AGENTS: '1' });
    const result = await fixture.agent.run('research Temporal');
    expect(result.status).toBe('completed');
    await receiver.waitFor(() => receiver.named('invoke_agent').length === 2);

    const parent = receiver.named('invoke_agent assistant')[0]!;
    const child = receiver.named('invoke_agent researcher')[0]!;
    expect(child.traceId).toBe(parent.traceId);
    expect(parentOf(child)?.name).toBe('RunWorkflow:agentRun');
    expect(parentOf(parentOf(child)!)?.name).toBe('StartChildWorkflow:agentRun');
    expect(parentOf(parentOf(parentOf(child)!)!)).toBe(parent);
    expect(child.attributes.temporalWorkflowId).not.toBe(parent.attributes.temporalWorkflowId);
    expect(
      receiver.named('chat').filter((span) => parentOf(parentOf(parentOf(span)!)!) === child),
    ).toHaveLength(1);
    expect(receiver.named('RunWorkflow:agentRun')).toHaveLength(2);
  }, 120_000);

  it('makes no span twice when the worker is killed with -9 mid-answer and another finishes the run', async () => {
    fixture = await createAgentFixture({ pace: 60, worker: false, agent: { heartbeatTimeout: '2s' } });
    const first = await startWorker();
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    let view = EMPTY_RUN_VIEW;
    for await (const event of run.events()) {
      view = applyRunEvent(view, event);
      if (answerText(view).includes('Day 3')) break;
    }
    await first.kill();
    await startWorker();
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(result.retries).toBe(1);
    await receiver.waitFor(() => receiver.named('invoke_agent').length === 1);

    // The killed attempt's span died with its process; the retry's is the one chat span, in the run's trace.
    const chats = receiver.named('chat');
    expect(chats.map((span) => span.attributes['durable_agent.attempt'])).toEqual([2]);
    const [invoke] = receiver.named('invoke_agent');
    expect(chats[0]!.traceId).toBe(invoke!.traceId);
    expect(receiver.named('StartActivity:invokeModelStreaming')).toHaveLength(1);
    expectNoDuplicates(receiver.spans);
  }, 180_000);
});
