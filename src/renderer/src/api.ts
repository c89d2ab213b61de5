/**
 * The renderer's one way to the host: `window.api` in the desktop app (exposed by the preload), else
 * the web transport (web mode: a WebSocket to the host that served this page, with its `?token=`).
 */
import type { DurableAgentApi, Unsubscribe } from '../../shared/ipc-contract';
import { type ConnectionState, createWebApi } from '../../shared/web-transport';

declare global {
  interface Window {
    readonly api?: DurableAgentApi;
  }
}

export type { ConnectionState };

export interface HostConnection {
  readonly api: DurableAgentApi;
  readonly state: () => ConnectionState;
  /** Told on every change of the connection (always `open` in the desktop app). */
  readonly onStateChange: (listener: (state: ConnectionState) => void) => Unsubscribe;
}

function connect(): HostConnection {
  if (window.api) {
    const api = window.api;
    return { api, state: () => 'open', onStateChange: () => () => undefined };
  }
  const listeners = new Set<(state: ConnectionState) => void>();
  const web = createWebApi({
    onConnectionChange: (state) => {
      for (const listener of listeners) listener(state);
    },
  });
  return {
    api: web.api,
    state: web.state,
    onStateChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let connection: HostConnection | undefined;

/** The connection to the host, made on first use. */
export function hostConnection(): HostConnection {
  connection ??= connect();
  return connection;
}

/** Shorthand for `hostConnection().api`. */
export function api(): DurableAgentApi {
  return hostConnection().api;
}
