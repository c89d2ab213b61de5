/**
 * The browser side of web mode: `DurableAgentApi` over the host's WebSocket, so the renderer uses
 * `window.api` (Electron preload) or `createWebApi()` identically. Reconnects by itself; invokes made
 * while disconnected wait for the connection (and fail after `requestTimeoutMs`).
 */
import { ApiError } from './api-error';
import { type ApiTransport, createApi } from './create-api';
import type { DurableAgentApi, EventName, InvokeName, Unsubscribe } from './ipc-contract';
import { PendingRequests } from './pending-requests';
import { MAX_FRAME_BYTES, type ServerFrame, TOKEN_QUERY_PARAMETER, WEB_SOCKET_PATH } from './web-protocol';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WebApiOptions {
  /** Default: `ws(s)://<page host>/api`. */
  readonly url?: string;
  /** Default: the page's `?token=`. */
  readonly token?: string;
  readonly requestTimeoutMs?: number;
  /** Told on every change; after `closed` → `open` again, reload what you show (events were missed). */
  readonly onConnectionChange?: (state: ConnectionState) => void;
}

export interface WebApi {
  readonly api: DurableAgentApi;
  readonly state: () => ConnectionState;
  readonly close: () => void;
}

const MAX_RECONNECT_DELAY_MS = 5000;

export function createWebApi(options: WebApiOptions = {}): WebApi {
  const token =
    options.token ?? new URLSearchParams(globalThis.location?.search ?? '').get(TOKEN_QUERY_PARAMETER);
  const url = new URL(options.url ?? defaultUrl());
  if (token) url.searchParams.set(TOKEN_QUERY_PARAMETER, token);
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const pending = new PendingRequests();
  const queued: { id: number; frame: string }[] = [];
  let nextId = 1;
  let socket: WebSocket | undefined;
  let state: ConnectionState = 'connecting';
  let closedByUser = false;
  let reconnectDelay = 250;

  const setState = (next: ConnectionState) => {
    if (state === next) return;
    state = next;
    options.onConnectionChange?.(next);
  };

  const connect = () => {
    setState('connecting');
    const current = new WebSocket(url);
    socket = current;
    current.onopen = () => {
      reconnectDelay = 250;
      setState('open');
      for (const { id, frame } of queued.splice(0)) send(current, id, frame);
    };
    current.onmessage = (message) => receive(JSON.parse(String(message.data)) as ServerFrame);
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = undefined;
      setState('closed');
      // Answers to what was sent on this socket will never come: say why now, not at the timeout.
      pending.failSent(
        event.reason
          ? `the host closed the connection: ${event.reason}`
          : `the connection to the host was lost (code ${event.code})`,
      );
      if (closedByUser) return;
      setTimeout(connect, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
    };
  };

  const send = (target: WebSocket, id: number, frame: string) => {
    pending.sentOnSocket(id);
    target.send(frame);
  };

  const receive = (frame: ServerFrame) => {
    if (frame.type === 'event') {
      for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
      return;
    }
    pending.answer(frame);
  };

  const transport: ApiTransport = {
    invoke(name: InvokeName, request: unknown) {
      const id = nextId++;
      const frame = JSON.stringify({ type: 'invoke', id, name, request });
      const bytes = new TextEncoder().encode(frame).length;
      if (bytes > MAX_FRAME_BYTES) {
        const size = `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
        return Promise.reject(
          new ApiError('invalid-request', `${name}: the request is too large (${size}; at most 1 MiB)`),
        );
      }
      const answer = pending.wait(id, name, requestTimeoutMs);
      if (socket?.readyState === WebSocket.OPEN) send(socket, id, frame);
      else queued.push({ id, frame });
      return answer;
    },
    subscribe(name: EventName, listener: (payload: unknown) => void): Unsubscribe {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };

  connect();
  return {
    api: createApi(transport),
    state: () => state,
    close() {
      closedByUser = true;
      socket?.close();
      pending.failAll('the connection to the host was closed');
    },
  };
}

function defaultUrl(): string {
  const location = globalThis.location;
  if (!location) throw new Error('createWebApi needs a url outside a browser page');
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${WEB_SOCKET_PATH}`;
}
