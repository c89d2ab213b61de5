import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { EventType } from '@ag-ui/core';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStreamWriter } from '../../src/serve/event-stream-writer';

let server: Server | undefined;
let client: Socket | undefined;
afterEach(() => {
  client?.destroy();
  server?.closeAllConnections();
  server?.close();
});

/** A response whose client sent its request and then never reads. */
async function unreadResponse(): Promise<ServerResponse> {
  const responded = new Promise<ServerResponse>((resolve) => {
    server = createServer((_request, response) => resolve(response));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server!.address() as { port: number };
  client = connect(port, '127.0.0.1');
  client.pause();
  client.write(`POST /agent HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\n\r\n`);
  return responded;
}

describe('EventStreamWriter to a client that never reads', () => {
  it('stops writing when the socket is full: its writes wait, and keep-alives are not queued', async () => {
    const response = await unreadResponse();
    const writer = new EventStreamWriter(response, 'text/event-stream', {}, 20);
    const delta = 'x'.repeat(64 * 1024);
    let blocked = false;
    for (let seq = 0; seq < 1000 && !blocked; seq++) {
      const event = { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'm', delta };
      const written = writer.write([{ id: String(seq), event }]);
      blocked = await Promise.race([
        written.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), 200)),
      ]);
    }
    expect(blocked).toBe(true);
    const queued = response.writableLength;
    await new Promise((resolve) => setTimeout(resolve, 500)); // 25 keep-alive periods
    expect(response.writableLength).toBe(queued);
    writer.end();
  });
});
