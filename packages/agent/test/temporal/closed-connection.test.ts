import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { clientInterceptors } from '../../src/temporal/connect-client';

/** A local port nothing listens on: every call to it fails as UNAVAILABLE, which the SDK retries. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a connection closed under a call the SDK is still retrying', () => {
  it('ends the call with an error naming the closed connection, not an uncaught exception', async () => {
    const connection = Connection.lazy({
      address: `127.0.0.1:${await closedPort()}`,
      interceptors: clientInterceptors(),
    });
    const call = connection.workflowService.describeNamespace({ namespace: 'default' });
    const settled = call.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    // Inside the retries (six attempts, 100 ms apart and growing): the next attempt starts from a timer.
    await sleep(150);
    await connection.close();
    const outcome = await Promise.race([settled, sleep(3000).then(() => 'still pending after 3 s')]);
    expect(outcome).toMatch(/connection closed: Channel has been shut down/);
  });

  it('ends a call made after the connection closed with the same error', async () => {
    const connection = Connection.lazy({
      address: `127.0.0.1:${await closedPort()}`,
      interceptors: clientInterceptors(),
    });
    await connection.close();
    const outcome = await Promise.race([
      connection.workflowService.describeNamespace({ namespace: 'default' }).then(
        () => 'resolved',
        (error: Error) => error.message,
      ),
      sleep(3000).then(() => 'still pending after 3 s'),
    ]);
    expect(outcome).toMatch(/connection closed: Channel has been shut down/);
  });
});
