import type { WebSocket, WebSocketServer } from 'ws';
import type { Host } from '../host/host';
import { ApiError } from '../shared/api-error';
import { clientFrameSchema, type ServerFrame } from '../shared/web-protocol';
import { RateLimit } from './rate-limit';
import { CLOSE_CODES, WEB_LIMITS } from './web-limits';

type Log = (line: string) => void;

/**
 * Serves the contract over each socket: invokes answered once each, every host event pushed to all. A bad
 * socket only ever closes itself: every socket has an error listener (a frame over the size limit closes it
 * with 1009), frames that are not invokes close it with 1003, a flood with 1008, a tab that stops reading
 * is dropped; the host and the other sockets go on.
 */
export function bridgeSockets(server: WebSocketServer, host: Host, log: Log): () => void {
  const unsubscribe = host.events.onAny((name, payload) => {
    const frame = serialize({ type: 'event', name, payload }, log);
    if (frame) for (const socket of server.clients) send(socket, frame, log);
  });
  server.on('connection', (socket) => serveSocket(socket, host, log));
  return unsubscribe;
}

function serveSocket(socket: WebSocket, host: Host, log: Log): void {
  const frames = new RateLimit(WEB_LIMITS.frames);
  let pending = 0;
  socket.on('error', (error) => log(`a socket was closed: ${error.message}`));
  socket.on('message', (data, isBinary) => {
    if (!frames.take()) {
      socket.close(
        CLOSE_CODES.policyViolation,
        `too many requests: at most ${WEB_LIMITS.frames.perSecond} frames a second`,
      );
      return;
    }
    const frame = readFrame(data, isBinary);
    if ('close' in frame) {
      socket.close(CLOSE_CODES.unsupportedData, frame.close);
      return;
    }
    if ('invalid' in frame) {
      answer(socket, { type: 'result', id: frame.id, ok: false, error: frame.invalid }, log);
      return;
    }
    if (pending >= WEB_LIMITS.maxPendingInvokes) {
      const error = new ApiError(
        'unavailable',
        `too many requests waiting for an answer (${WEB_LIMITS.maxPendingInvokes}); wait for them`,
      );
      answer(socket, { type: 'result', id: frame.id, ok: false, error: error.toPayload() }, log);
      return;
    }
    pending++;
    host
      .invoke(frame.name, frame.request)
      .then(
        (value): ServerFrame => ({ type: 'result', id: frame.id, ok: true, value: value ?? null }),
        (error: unknown): ServerFrame => {
          const payload = ApiError.payloadOf(error);
          if (payload.code === 'internal') log(`${frame.name} failed: ${payload.message}`);
          return { type: 'result', id: frame.id, ok: false, error: payload };
        },
      )
      .then((result) => {
        pending--;
        answer(socket, result, log);
      });
  });
}

type ReadFrame =
  | { readonly id: number; readonly name: unknown; readonly request: unknown }
  | { readonly id: number; readonly invalid: ReturnType<ApiError['toPayload']> }
  | { readonly close: string };

/**
 * A frame as an invoke; an invoke-shaped frame with a bad field is answered (its id is known), anything
 * else closes the socket with a reason saying what was expected.
 */
function readFrame(data: unknown, isBinary: boolean): ReadFrame {
  if (isBinary) return { close: 'invalid frame: binary frames are not accepted, send JSON text' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(data));
  } catch {
    return { close: 'invalid frame: not JSON' };
  }
  const id = (parsed as { id?: unknown } | null)?.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    return { close: 'invalid frame: expected {"type":"invoke","id":<n>,"name":…,"request":…}' };
  }
  const frame = clientFrameSchema.safeParse(parsed);
  if (!frame.success) {
    const problems = frame.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return {
      id,
      invalid: new ApiError('invalid-request', `invalid frame: ${problems.join('; ')}`).toPayload(),
    };
  }
  return { id, name: frame.data.name, request: frame.data.request };
}

function answer(socket: WebSocket, frame: ServerFrame, log: Log): void {
  const text = serialize(frame, log);
  if (text) send(socket, text, log);
}

function serialize(frame: ServerFrame, log: Log): string | undefined {
  try {
    return JSON.stringify(frame);
  } catch (error) {
    log(`a ${frame.type} frame could not be sent: ${String(error)}`);
    return undefined;
  }
}

/** Sends to an open socket; one whose reader stalled (its queue over the limit) is dropped instead. */
function send(socket: WebSocket, text: string, log: Log): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > WEB_LIMITS.maxBufferedBytes) {
    log('a socket that stopped reading was dropped');
    socket.terminate();
    return;
  }
  socket.send(text, (error) => error && log(`a socket write failed: ${error.message}`));
}
