import {
  type DurableAgentApi,
  type EventName,
  eventNames,
  eventVerbName,
  type InvokeName,
  invokeNames,
  type Unsubscribe,
} from './ipc-contract';

/** How the API reaches the host: Electron IPC (preload) or a WebSocket (web mode). */
export interface ApiTransport {
  invoke(name: InvokeName, request: unknown): Promise<unknown>;
  subscribe(name: EventName, listener: (payload: unknown) => void): Unsubscribe;
}

/** Builds the renderer's API — one verb per channel of the contract — over any transport. */
export function createApi(transport: ApiTransport): DurableAgentApi {
  const api: Record<string, unknown> = {};
  for (const name of invokeNames) {
    api[name] = (request?: unknown) => transport.invoke(name, request);
  }
  for (const name of eventNames) {
    api[eventVerbName(name)] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener);
  }
  return Object.freeze(api) as DurableAgentApi;
}
