import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryConversationStore } from '../../src/conversations/in-memory-conversation-store';
import { type AgUiHandlerOptions, createAgUiHandler } from '../../src/serve/agui-handler';
import { calculator } from '../../src/tools/calculator';
import { type AgentFixture, createAgentFixture } from '../support/agent-fixture';
import { historyEvents, payloadValue } from '../support/workflow-history';
import {
  assistantTexts,
  field,
  runStockClient,
  userMessage,
  verifyWithStockClient,
} from './support/stock-client';

let fixture: AgentFixture | undefined;
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  await fixture?.close();
  fixture = undefined;
  server = undefined;
});

/** The handler in a plain Node HTTP server, as an application would mount it. */
async function mount(options: Omit<AgUiHandlerOptions, 'agent'> & { agent: AgUiHandlerOptions['agent'] }) {
  server = createServer(createAgUiHandler(options));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/agent`;
}

describe('createAgUiHandler mounted in a Node HTTP server', () => {
  it('sends keep-alive comments while the run waits for a worker, then the answer', async () => {
    fixture = await createAgentFixture({ worker: false });
    const agent = await fixture.createAgent({
      mode: 'autonomous',
      conversations: new InMemoryConversationStore(),
    });
    const url = await mount({ agent, keepAliveMs: 200 });

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        threadId: randomUUID(),
        runId: randomUUID(),
        messages: [userMessage('u1', 'hello')],
      }),
    });
    setTimeout(() => void fixture!.startWorker(), 1000);
    const text = await response.text();

    const firstEvent = text.indexOf('TEXT_MESSAGE_START');
    expect(text.slice(0, firstEvent)).toContain(': keep-alive\n\n');
    expect(text.trimEnd().split('\n').at(-1)).toContain('"type":"RUN_FINISHED"');
  });

  it('an interrupt the client abandons (status cancelled) after it expired: the continuation is streamed', async () => {
    fixture = await createAgentFixture({ tools: [calculator] });
    const agent = await fixture.createAgent({
      approvalPolicy: 'require-all',
      approvalTimeout: '1s',
      conversations: new InMemoryConversationStore(),
    });
    const url = await mount({ agent });
    const threadId = randomUUID();

    const first = await runStockClient(url, {
      threadId,
      runId: randomUUID(),
      messages: [userMessage('u1', 'What is 12*7?')],
    });
    const [interrupt] = first.agent.pendingInterrupts;
    expect(interrupt?.reason).toBe('tool-approval');
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const second = await runStockClient(url, {
      threadId,
      runId: randomUUID(),
      agent: first.agent,
      resume: [{ interruptId: interrupt!.id, status: 'cancelled' }],
    });

    await verifyWithStockClient(second.events);
    expect(second.agent.pendingInterrupts).toEqual([]);
    const resolved = second.events.find((event) => field(event, 'name') === 'approval-resolved');
    expect(field(resolved!, 'value')).toMatchObject({ approved: false, decidedBy: 'timeout' });
    expect(assistantTexts(second.agent.messages).at(-1)).toBeTruthy();
  });

  it("context and the client's system messages reach the run as instructions; earlier client messages do not", async () => {
    fixture = await createAgentFixture();
    const agent = await fixture.createAgent({ conversations: new InMemoryConversationStore() });
    const url = await mount({ agent });
    const threadId = randomUUID();
    const runId = randomUUID();

    await runStockClient(url, {
      threadId,
      runId,
      messages: [
        { id: 's1', role: 'system', content: 'Answer in French.' },
        userMessage('old', 'A message this thread never had'),
        { id: 'a0', role: 'assistant', content: 'An answer the agent never gave' },
        userMessage('u1', 'hello'),
      ],
      context: [{ description: 'The user', value: 'Ada, in Paris' }],
    });

    const [started] = await historyEvents(agent.workflowIdFor(threadId, runId));
    const input = payloadValue(started?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]) as {
      messages: unknown[];
      config: { context?: string };
    };
    expect(input.config.context).toBe('The user: Ada, in Paris\nAnswer in French.');
    expect(input.messages).toEqual([{ role: 'user', content: 'hello' }]);
  });
});
