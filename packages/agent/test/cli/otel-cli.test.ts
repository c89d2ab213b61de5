import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OtlpReceiver } from '../support/otlp-receiver';
import { assertLibraryBuilt } from './support/cli-process';
import { scenarioRegistry } from './support/scenario';
import { answerBlock, withUsagePlaceholder } from './support/stream-block';

const scenarios = scenarioRegistry();
let receiver: OtlpReceiver | undefined;
beforeAll(() => assertLibraryBuilt());
afterEach(async () => {
  await scenarios.closeAll();
  await receiver?.close();
});

describe('durable-agent worker and agent with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('exports one trace per prompt: the agent starts it, the worker adds the run, its chat span and usage', async () => {
    receiver = await OtlpReceiver.start();
    const scenario = await scenarios.create({
      pace: 0,
      environment: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_SERVICE_NAME: 'cli-under-test',
      },
    });
    await scenario.startWorker();
    const agent = await scenario.startAgent();
    expect(withUsagePlaceholder(await scenario.ask(agent, 'Hello!'))).toEqual(
      answerBlock('Hello! How can I help you today?'),
    );
    await receiver.waitFor((spans) => spans.some((span) => span.name.startsWith('invoke_agent')));

    const [start] = receiver.named('StartWorkflow:agentRun');
    const [invoke] = receiver.named('invoke_agent');
    const [chat] = receiver.named('chat');
    expect(invoke!.traceId).toBe(start!.traceId);
    expect(chat!.traceId).toBe(start!.traceId);
    expect(start!.serviceName).toBe('cli-under-test');
    expect(chat!.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(invoke!.attributes['gen_ai.conversation.id']).toBe(chat!.attributes['gen_ai.conversation.id']);
  }, 120_000);
});
