import { HttpAgent, type Message } from '@ag-ui/client';
import { EventEncoder } from '@ag-ui/encoder';
import type { AgentEvent } from '../../../src/common/events';
import { type OutgoingEvent, RunTranslator, type TranslatorOptions } from '../../../src/serve/run-translator';
import { userMessage } from './stock-client';

/** What a translator of run `r` of thread `t` (the user said "hi") sends for `log`, from its start. */
export function translate(
  log: readonly AgentEvent[],
  options: Partial<TranslatorOptions> = {},
): OutgoingEvent[] {
  const translator = new RunTranslator({
    threadId: 't',
    runId: 'r',
    durableRunId: 'r',
    base: [userMessage('u1', 'hi')],
    segmentStart: 0,
    ...options,
  });
  return [...translator.start(), ...log.flatMap((event) => translator.push(event))];
}

/** Hands the events to the stock HttpAgent as an SSE response and returns the messages it assembled. */
export async function stockClientMessages(
  outgoing: readonly OutgoingEvent[],
  initial: Message[] = [userMessage('u1', 'hi')],
): Promise<Message[]> {
  const encoder = new EventEncoder();
  const body = outgoing.map(({ id, event }) => `id: ${id}\n${encoder.encodeSSE(event)}`).join('');
  const agent = new HttpAgent({
    url: 'http://serve.test/agent',
    threadId: 't',
    initialMessages: initial,
    fetch: async () => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
  });
  await agent.runAgent({ runId: 'r' });
  return agent.messages;
}
