import { FaultQueue } from './fault-queue';

/** The mutable state a demo model server shares between its routes. */
export interface DemoModelState {
  /** The models it lists and answers to; the first is the default. */
  readonly models: readonly string[];
  readonly faults: FaultQueue;
  /** Tokens per second; read before every token so a change applies to running streams too. */
  pace: number;
  requestCount: number;
  /** Prompts longer than this many tokens are refused (`context_length_exceeded`); undefined = no limit. */
  readonly contextWindow: number | undefined;
}

export function createDemoModelState(
  models: readonly string[],
  pace: number,
  contextWindow?: number,
): DemoModelState {
  return { models, faults: new FaultQueue(), pace, requestCount: 0, contextWindow };
}
