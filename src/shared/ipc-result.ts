import type { ApiErrorPayload } from './api-error';

/**
 * What an invoke channel answers over Electron IPC. Errors travel as data (Electron would flatten a
 * thrown error into "Error invoking remote method …" and drop its code); the preload rethrows them.
 */
export type IpcResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: ApiErrorPayload };
