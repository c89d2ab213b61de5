import type { WebSocket, WebSocketServer } from 'ws';
import type { Host } from '../host/host';
import { ApiError } from '../shared/api-error';
import { clientFrameSchema, type ServerFrame } from '../shared/web-protocol';

/** Serves the contract over each socket: invokes answered once each, every host event pushed to all. */
export function bridgeSockets(server: WebSocketServer, host: Host, log: (line: string) => void): () => void {
  const send = (socket: WebSocket, frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const unsubscribe = host.events.onAny((name, payload) => {
    for (const socket of server.clients) send(socket, { type: 'event', name, payload });
  });
  server.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      let frame: ReturnType<typeof clientFrameSchema.parse>;
      try {
        if (isBinary) throw new Error('binary frame');
        frame = clientFrameSchema.parse(JSON.parse(String(data)));
      } catch {
        socket.close(1003, 'invalid frame');
        return;
      }
      host.invoke(frame.name, frame.request).then(
        (value) => send(socket, { type: 'result', id: frame.id, ok: true, value: value ?? null }),
        (error: unknown) => {
          const payload = ApiError.payloadOf(error);
          if (payload.code === 'internal') log(`${frame.name} failed: ${payload.message}`);
          send(socket, { type: 'result', id: frame.id, ok: false, error: payload });
        },
      );
    });
  });
  return unsubscribe;
}
