import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { temporalAddress } from './temporal-connection';
import { withTimeout } from './with-timeout';

let quietRuntime = false;

/** Keeps the SDK's INFO logs (worker states, webpack stats) out of test output; once per process. */
function installQuietRuntime(): void {
  if (quietRuntime) return;
  quietRuntime = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by the test file (or another helper): keep that one.
  }
}

/** A worker on the shared server, created within `timeoutMs` (Worker.create can hang when the server is gone). */
export async function createTestWorker(
  options: Omit<WorkerOptions, 'connection'>,
  timeoutMs = 60_000,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  installQuietRuntime();
  const address = temporalAddress();
  const connection = await withTimeout(
    NativeConnection.connect({ address }),
    10_000,
    `connecting a worker to Temporal at ${address}`,
  );
  try {
    const worker = await withTimeout(
      Worker.create({ ...options, connection }),
      timeoutMs,
      `creating a worker on task queue "${options.taskQueue}"`,
    );
    return { worker, connection };
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}
