import { createServer } from 'node:net';

function listen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A free port for a Temporal dev server whose Web UI goes on port + 1000 (the embedded server's rule):
 * both are free now.
 */
export async function freeTemporalPort(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = await listen(0);
    if (port === undefined || port + 1000 > 65_535) continue;
    if ((await listen(port + 1000)) !== undefined) return port;
  }
  throw new Error('no free pair of ports (port, port + 1000) for a Temporal dev server');
}
