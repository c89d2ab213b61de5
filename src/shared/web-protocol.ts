/**
 * Frames of the web-mode WebSocket (`/api`): the browser invokes, the host answers each invoke once and
 * pushes every event of the contract to every authenticated socket.
 */
import { z } from 'zod';
import type { ApiErrorPayload } from './api-error';
import type { EventName, InvokeName } from './ipc-contract';

/** Path of the WebSocket endpoint; the token goes in `?token=` (never a cookie: see src/web/access-token.ts). */
export const WEB_SOCKET_PATH = '/api';
export const TOKEN_QUERY_PARAMETER = 'token';
/** The largest frame the host reads; a larger one closes the socket with 1009 (Message Too Big). */
export const MAX_FRAME_BYTES = 1024 * 1024;

export const clientFrameSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  name: z.string(),
  request: z.unknown().optional(),
});

export type ClientFrame = {
  readonly type: 'invoke';
  readonly id: number;
  readonly name: InvokeName;
  readonly request?: unknown;
};

export type ServerFrame =
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: ApiErrorPayload }
  | { readonly type: 'event'; readonly name: EventName; readonly payload: unknown };
