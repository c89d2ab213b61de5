import { connect } from 'node:net';
import { WebSocket } from 'ws';

/**
 * Writes `data` on a fresh TCP connection and collects everything the server sends until it closes the
 * connection (or `idleMs` pass without a byte: the server kept it open).
 */
export function rawExchange(
  port: number,
  data: string | Buffer,
  idleMs = 2000,
): Promise<{ text: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedByServer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closedByServer });
    };
    const idle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(false), idleMs);
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      idle();
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      socket.write(data);
      idle();
    });
  });
}

/** An HTTP request as bytes (keep-alive), for pipelining on a raw socket. */
export function rawGet(port: number, target: string, headers: Record<string, string> = {}): string {
  const lines = [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** The status codes of every response in a raw HTTP exchange, in order. */
export function statusCodes(text: string): number[] {
  return [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => Number(match[1]));
}

export interface OpenSocket {
  readonly socket: WebSocket;
  /** Frames received, parsed. */
  readonly frames: unknown[];
  /** Resolves with how the server closed the socket. */
  readonly closed: Promise<{ code: number; reason: string }>;
}

/** A `ws` client on web mode's socket (the token in `?token=`), open. */
export async function openSocket(port: number, token: string): Promise<OpenSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api?token=${encodeURIComponent(token)}`);
  const frames: unknown[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data))));
  socket.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`socket refused: ${response.statusCode}`)),
    );
    void closed.then(({ code }) => reject(new Error(`socket closed before opening: ${code}`)));
  });
  return { socket, frames, closed };
}

/** Sends one invoke frame and resolves with its result frame. */
export async function invokeOver(
  open: OpenSocket,
  id: number,
  name: string,
  request?: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  open.socket.send(JSON.stringify({ type: 'invoke', id, name, request }));
  for (;;) {
    const found = open.frames.find(
      (frame) =>
        (frame as { type?: string; id?: number }).type === 'result' && (frame as { id: number }).id === id,
    );
    if (found) return found as { ok: boolean };
    if (open.socket.readyState !== WebSocket.OPEN) throw new Error(`socket closed before result ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
