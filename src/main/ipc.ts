/**
 * The contract over Electron IPC, main side: one `ipcMain.handle` per invoke channel, each checking the
 * sender (a page of a window the app created) and the payload (the channel's zod schema) before the
 * host sees it; every host event forwarded to the app's windows. The only file that uses `ipcMain`
 * (`index.ts` only hands it over, so tests pass a fake).
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ApiError } from '../shared/api-error';
import {
  type EventName,
  type EventPayload,
  eventWireName,
  type InvokeHandlers,
  type InvokeName,
  invokeNames,
  invokeWireName,
  type Unsubscribe,
} from '../shared/ipc-contract';
import type { IpcResult } from '../shared/ipc-result';
import { isInvokeName, validateRequest } from '../shared/validate-request';
import { type SenderEvent, type TrustedSenders, validateSender } from './trusted-senders';

/** The host as IPC needs it (`Host` from `host/host.ts` fits). */
export interface IpcHost {
  /** One handler per channel, given the validated request. */
  readonly handlers: InvokeHandlers;
  readonly events: {
    onAny(listener: <Name extends EventName>(name: Name, payload: EventPayload<Name>) => void): Unsubscribe;
  };
}

/** Where events go: the app's windows' `webContents`. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export interface IpcOptions {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  readonly host: IpcHost;
  /** Read at each request: windows come and go. */
  readonly trustedSenders: () => TrustedSenders;
  readonly eventTargets: () => Iterable<EventTarget>;
  readonly log: (line: string) => void;
}

/**
 * Answers one invoke: the sender (a top-level app page of a window the app created), the channel (one of
 * the contract's), the payload (the channel's zod schema), then the handler. Never throws: errors are
 * returned as `{ ok: false, error: { code, message } }`.
 */
export async function dispatchInvoke(
  options: Pick<IpcOptions, 'host' | 'trustedSenders' | 'log'>,
  event: SenderEvent,
  name: string,
  payload: unknown,
): Promise<IpcResult> {
  try {
    validateSender(event, options.trustedSenders());
    if (!isInvokeName(name)) throw new ApiError('unknown-channel', `no channel "${name}"`);
    const request = validateRequest(name, payload);
    const handler = options.host.handlers[name] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: (await handler(request)) ?? null };
  } catch (error) {
    const payloadOfError = ApiError.payloadOf(error);
    if (payloadOfError.code === 'unauthorized' || payloadOfError.code === 'internal') {
      options.log(`${name}: ${payloadOfError.message}`);
    }
    return { ok: false, error: payloadOfError };
  }
}

/** Registers every channel of the contract; returns a function that removes them all. */
export function registerIpc(options: IpcOptions): () => void {
  const channels = invokeNames.map((name: InvokeName) => {
    const channel = invokeWireName(name);
    options.ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) =>
      dispatchInvoke(options, event, name, payload),
    );
    return channel;
  });
  const unsubscribe = options.host.events.onAny((name, payload) => {
    const channel = eventWireName(name);
    for (const target of options.eventTargets()) {
      if (!target.isDestroyed()) target.send(channel, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of channels) options.ipcMain.removeHandler(channel);
  };
}
