import path from 'node:path';
import type { Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { afterEach, describe, expect, it } from 'vitest';
import type { greeting } from './fixtures/round-trip-workflows';
import { connectClient } from './support/temporal-connection';
import { createTestWorker } from './support/temporal-worker';
import { uniqueTaskQueue } from './support/unique-task-queue';
import { withTimeout } from './support/with-timeout';

const workflowsPath = path.join(__dirname, 'fixtures', 'round-trip-workflows.ts');

describe('Temporal round trip', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  it('runs a workflow on a real worker and returns its result to the client', async () => {
    const taskQueue = uniqueTaskQueue('round-trip');
    const { worker, connection: workerConnection } = await createTestWorker({ taskQueue, workflowsPath });
    cleanups.push(() => closeWorker(worker, workerConnection));
    const { client, connection } = await connectClient();
    cleanups.push(() => connection.close());

    const result = await worker.runUntil(
      withTimeout(
        client.workflow.execute<typeof greeting>('greeting', {
          taskQueue,
          workflowId: `${taskQueue}-greeting`,
          args: [{ name: 'Temporal' }],
          workflowExecutionTimeout: '30s',
        }),
        30_000,
        'the greeting workflow',
      ),
    );

    expect(result).toBe('Hello, Temporal!');
  });
});

async function closeWorker(worker: Worker, connection: NativeConnection | Connection): Promise<void> {
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await connection.close();
}
