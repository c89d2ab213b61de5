import { messageOf } from '../common/error-message';
import { AgentError } from '../common/errors';
import { grpcStatusOf, isRefusal } from '../runs/retry-policy';

/** Failed reads in a row before giving up: about 12 s of backoff (0.2 s doubling to 5 s). */
export const MAX_READ_FAILURES = 6;
const FIRST_DELAY_MS = 200;
const MAX_DELAY_MS = 5000;
/** Temporal said it is overloaded: wait longer before asking again. */
const OVERLOADED_FIRST_DELAY_MS = 2000;
const RESOURCE_EXHAUSTED = 8;

/** The caller went away (its signal aborted, or its connection was closed): stop reading, quietly. */
export class ReadStopped extends Error {
  override readonly name = 'ReadStopped';
}

/**
 * Runs one read of Temporal, and again after a failure that time may cure (a lost connection, a long poll
 * cut by a restart, Temporal overloaded), with backoff and at most `MAX_READ_FAILURES` times in a row.
 * Never asks again for what cannot change: a refusal (not found, invalid), or an answer larger than a
 * gRPC message may be. Stops at once, with `ReadStopped`, when `signal` aborts or the connection is closed.
 */
export async function withReadRetries<T>(
  read: () => Promise<T>,
  what: string,
  signal: AbortSignal | undefined,
): Promise<T> {
  for (let failures = 1; ; failures++) {
    if (signal?.aborted) throw new ReadStopped(`stopped reading ${what}`);
    try {
      return await read();
    } catch (error) {
      if (signal?.aborted || isConnectionClosed(error)) throw new ReadStopped(`stopped reading ${what}`);
      const final = finalReadError(error, what);
      if (final) throw final;
      const overloaded = grpcStatusOf(error) === RESOURCE_EXHAUSTED;
      if (failures >= MAX_READ_FAILURES) throw gaveUp(error, what, failures, overloaded);
      const first = overloaded ? OVERLOADED_FIRST_DELAY_MS : FIRST_DELAY_MS;
      await sleep(Math.min(first * 2 ** (failures - 1), MAX_DELAY_MS * (overloaded ? 2 : 1)), signal);
    }
  }
}

/** An error no retry can cure, in words; undefined when asking again may help. */
function finalReadError(error: unknown, what: string): unknown {
  const text = messageOf(error);
  const sizes = /larger than max \((\d+) vs\.? (\d+)\)/.exec(text);
  if (sizes) {
    return new AgentError(
      'history-too-large',
      `${what} cannot be read: Temporal's answer is ${megabytes(sizes[1]!)} MB, more than the ${megabytes(sizes[2]!)} MB a gRPC message may carry (RESOURCE_EXHAUSTED) — asking again would not help`,
      { cause: error },
    );
  }
  return isRefusal(error) ? error : undefined;
}

function gaveUp(error: unknown, what: string, failures: number, overloaded: boolean): AgentError {
  if (overloaded) {
    return new AgentError(
      'temporal-overloaded',
      `reading ${what} failed ${failures} times in a row: Temporal says it is overloaded (RESOURCE_EXHAUSTED: ${messageOf(error)})`,
      { cause: error },
    );
  }
  return new AgentError(
    'temporal-unreachable',
    `reading ${what} failed ${failures} times in a row: ${messageOf(error)}`,
    { cause: error },
  );
}

/** grpc-js refuses every call once its client was closed (`Agent.close()`). */
function isConnectionClosed(error: unknown): boolean {
  return /Channel has been shut down/.test(messageOf(error));
}

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function megabytes(bytes: string): string {
  return (Number(bytes) / 1024 / 1024).toFixed(1);
}
