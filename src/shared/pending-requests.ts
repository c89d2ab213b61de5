import { ApiError } from './api-error';
import type { InvokeName } from './ipc-contract';
import type { ServerFrame } from './web-protocol';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * The web transport's requests waiting for the host's answer, by id. Those sent on the current socket are
 * known apart: when it closes, their answers can never come, so they fail at once (the others are sent on
 * the next socket); every request fails after its timeout.
 */
export class PendingRequests {
  private readonly waiting = new Map<number, Pending>();
  /** Ids sent on the current socket: their answers can only come on it. */
  private readonly sent = new Set<number>();

  /** The answer to request `id` (`name`'s), or `unavailable` after `timeoutMs`. */
  wait(id: number, name: InvokeName, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.sent.delete(id);
        reject(new ApiError('unavailable', `${name}: no answer from the host within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
    });
  }

  /** Request `id` went out on the current socket. */
  sentOnSocket(id: number): void {
    this.sent.add(id);
  }

  /** The host answered: the request resolves with its value, or rejects with its error. */
  answer(frame: Extract<ServerFrame, { type: 'result' }>): void {
    this.sent.delete(frame.id);
    const entry = this.take(frame.id);
    if (!entry) return;
    if (frame.ok) entry.resolve(frame.value);
    else entry.reject(ApiError.fromPayload(frame.error));
  }

  /** The current socket closed: what was sent on it fails now, saying `why`, not at the timeout. */
  failSent(why: string): void {
    for (const id of this.sent) this.take(id)?.reject(new ApiError('unavailable', why));
    this.sent.clear();
  }

  /** The transport was closed: every request fails. */
  failAll(why: string): void {
    for (const id of [...this.waiting.keys()]) this.take(id)?.reject(new ApiError('unavailable', why));
  }

  private take(id: number): Pending | undefined {
    const entry = this.waiting.get(id);
    if (!entry) return undefined;
    this.waiting.delete(id);
    clearTimeout(entry.timer);
    return entry;
  }
}
