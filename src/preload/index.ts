/**
 * The preload: exposes `window.api` — one verb per channel of the contract (`api.sendMessage(…)`,
 * `api.onRunEvent(listener)` → unsubscribe) — and nothing else: no `ipcRenderer`, no Node. Its type,
 * `DurableAgentApi`, is derived from `src/shared/ipc-contract.ts` (declared for the renderer in
 * `src/renderer/src/api.ts`). The only file with `ipcRenderer`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../shared/create-api';
import { createIpcTransport } from './ipc-transport';

contextBridge.exposeInMainWorld('api', createApi(createIpcTransport(ipcRenderer)));
