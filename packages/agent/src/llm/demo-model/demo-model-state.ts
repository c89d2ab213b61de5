import { FaultQueue } from './fault-queue';

/** The mutable state a demo model server shares between its routes. */
export interface DemoModelState {
  readonly model: string;
  readonly faults: FaultQueue;
  /** Tokens per second; read before every token so a change applies to running streams too. */
  pace: number;
  requestCount: number;
}

export function createDemoModelState(model: string, pace: number): DemoModelState {
  return { model, faults: new FaultQueue(), pace, requestCount: 0 };
}
