import type { DemoModelFault } from './demo-model-types';

interface PendingFault {
  readonly fault: DemoModelFault;
  remaining: number;
}

/** Injected faults waiting for matching chat requests; each is used up after `times` requests. */
export class FaultQueue {
  readonly #pending: PendingFault[] = [];

  add(fault: DemoModelFault): void {
    this.#pending.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.#pending.length = 0;
  }

  get size(): number {
    return this.#pending.length;
  }

  /** The oldest fault matching a request whose last user message is `prompt`, counted as used once. */
  take(prompt: string): DemoModelFault | undefined {
    const lowered = prompt.toLowerCase();
    const index = this.#pending.findIndex(
      ({ fault }) => fault.match === undefined || lowered.includes(fault.match.toLowerCase()),
    );
    const pending = this.#pending[index];
    if (pending === undefined) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.#pending.splice(index, 1);
    return pending.fault;
  }
}
