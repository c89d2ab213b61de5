import { createRequire } from 'node:module';
import {
  type BaseEvent,
  type Context,
  HttpAgent,
  type Message,
  type ResumeEntry,
  type RunAgentResult,
  type Tool,
  verifyEvents,
} from '@ag-ui/client';

/** The rxjs that @ag-ui/client itself uses (its `verifyEvents` takes one of its Observables). */
const rxjs = createRequire(require.resolve('@ag-ui/client'))('rxjs') as typeof import('rxjs');

export interface StockRun {
  readonly agent: HttpAgent;
  /** Every event the stock client applied, in order. */
  readonly events: BaseEvent[];
  readonly result: RunAgentResult;
}

export interface StockRunOptions {
  readonly threadId: string;
  readonly runId: string;
  /** The client's messages before the run (the stock client sends them all). */
  readonly messages?: Message[];
  readonly tools?: Tool[];
  readonly context?: Context[];
  readonly resume?: ResumeEntry[];
  readonly headers?: Record<string, string>;
  /** A `fetch` in place of the global one (e.g. to ask for protobuf). */
  readonly fetch?: typeof fetch;
  readonly onEvent?: (event: BaseEvent) => void;
  /** An agent that ran before (its messages and pending interrupts carry over). */
  readonly agent?: HttpAgent;
  /** Aborting it drops the connection, as a closed tab or a lost network would. */
  readonly abortController?: AbortController;
}

/** One `runAgent` of the stock `HttpAgent` against `url`, with the events it saw. */
export async function runStockClient(url: string, options: StockRunOptions): Promise<StockRun> {
  const agent =
    options.agent ??
    new HttpAgent({
      url,
      threadId: options.threadId,
      initialMessages: options.messages ?? [],
      headers: options.headers,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  const events: BaseEvent[] = [];
  const result = await agent.runAgent(
    {
      runId: options.runId,
      ...(options.tools ? { tools: options.tools } : {}),
      ...(options.context ? { context: options.context } : {}),
      ...(options.resume ? { resume: options.resume } : {}),
      ...(options.abortController ? { abortController: options.abortController } : {}),
    },
    {
      onEvent: ({ event }) => {
        events.push(event);
        options.onEvent?.(event);
      },
    },
  );
  return { agent, events, result };
}

/** Runs the events through the stock client's `verifyEvents`; rejects with its complaint. */
export async function verifyWithStockClient(events: readonly BaseEvent[]): Promise<BaseEvent[]> {
  const verify = verifyEvents() as unknown as import('rxjs').OperatorFunction<BaseEvent, BaseEvent>;
  return rxjs.lastValueFrom(rxjs.from(events).pipe(verify, rxjs.toArray()));
}

/** A field of an event the stock client saw (its type says only `type`). */
export function field(event: BaseEvent, name: string): unknown {
  return (event as unknown as Record<string, unknown>)[name];
}

/** The text of the client's assistant messages, in order (content as the stock client assembled it). */
export function assistantTexts(messages: readonly Message[]): string[] {
  return messages
    .filter((message) => message.role === 'assistant')
    .map((message) => String(message.content ?? ''));
}

export function userMessage(id: string, content: string): Message {
  return { id, role: 'user', content };
}
