import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { withTimeout } from './with-timeout';

/** Address of the run's shared Temporal dev server (started by `global-setup.ts`). */
export function temporalAddress(): string {
  return inject('temporalAddress');
}

/** A client of `address` (default: the shared server), connected within `timeoutMs`; close its `connection`. */
export async function connectClient(
  address = temporalAddress(),
  timeoutMs = 10_000,
): Promise<{ client: Client; connection: Connection }> {
  const connection = await withTimeout(
    Connection.connect({ address, connectTimeout: timeoutMs }),
    timeoutMs + 1000,
    `connecting to Temporal at ${address}`,
  );
  return { client: new Client({ connection }), connection };
}
