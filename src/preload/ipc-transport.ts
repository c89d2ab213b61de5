import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { ApiError } from '../shared/api-error';
import type { ApiTransport } from '../shared/create-api';
import { eventWireName, invokeWireName } from '../shared/ipc-contract';
import type { IpcResult } from '../shared/ipc-result';

/** The contract's transport over Electron IPC: `invoke` per channel, events as `on`/`removeListener`. */
export function createIpcTransport(
  ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): ApiTransport {
  return {
    async invoke(name, request) {
      const result = (await ipcRenderer.invoke(invokeWireName(name), request)) as IpcResult;
      if (result.ok) return result.value;
      throw ApiError.fromPayload(result.error);
    },
    subscribe(name, listener) {
      const channel = eventWireName(name);
      // The IPC event (with its `sender`) stays here: the page gets the payload only.
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  };
}
