import { describe, expect, it } from 'vitest';
import { dispatchInvoke, type IpcHost, registerIpc } from '../../src/main/ipc';
import { createIpcTransport } from '../../src/preload/ipc-transport';
import { ApiError } from '../../src/shared/api-error';
import { createApi } from '../../src/shared/create-api';
import {
  type EventName,
  type EventPayload,
  eventWireName,
  type InvokeHandlers,
  invokeNames,
  invokeWireName,
} from '../../src/shared/ipc-contract';
import type { IpcResult } from '../../src/shared/ipc-result';
import type { WorkerInfo } from '../../src/shared/models';
import { FakeIpcMain, FakeIpcRenderer, FakeWebContents, senderEvent } from './support/fake-ipc';

const APP_PAGE = 'app://durable-agent/index.html';

/** A host whose handlers record the (validated) requests they get; `failWith` makes one throw. */
function fakeHost(failWith?: { channel: string; error: Error }) {
  const calls: { name: string; request: unknown }[] = [];
  type AnyListener = <Name extends EventName>(name: Name, payload: EventPayload<Name>) => void;
  const listeners = new Set<AnyListener>();
  const handlers = new Proxy(
    {},
    {
      get: (_target, name: string) => async (request: unknown) => {
        calls.push({ name, request });
        if (failWith?.channel === name) throw failWith.error;
        return name === 'removeWorker' ? undefined : { handled: name };
      },
    },
  ) as InvokeHandlers;
  const host: IpcHost = {
    handlers,
    events: {
      onAny: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
  const emit = <Name extends EventName>(name: Name, payload: EventPayload<Name>) => {
    for (const listener of listeners) listener(name, payload);
  };
  return { host, calls, emit, listenerCount: () => listeners.size };
}

/** IPC registered for one app window (webContents 1) and a second, foreign webContents (2). */
function setup(failWith?: { channel: string; error: Error }) {
  const ipcMain = new FakeIpcMain();
  const fake = fakeHost(failWith);
  const window = new FakeWebContents(1);
  const foreign = new FakeWebContents(2);
  const logged: string[] = [];
  const dispose = registerIpc({
    ipcMain: ipcMain as unknown as Parameters<typeof registerIpc>[0]['ipcMain'],
    host: fake.host,
    trustedSenders: () => ({ webContentsIds: new Set([1]), appOrigins: ['app://durable-agent'] }),
    eventTargets: () => [window],
    log: (line) => logged.push(line),
  });
  return { ipcMain, window, foreign, logged, dispose, ...fake };
}

describe('registerIpc', () => {
  it('registers exactly one handler per invoke channel of the contract', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(invokeNames.map(invokeWireName).sort());
  });

  it("passes a valid request to the channel's handler, validated (strings trimmed)", async () => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.invoke(invokeWireName('renameConversation'), senderEvent(1, APP_PAGE), {
      conversationId: ' c1 ',
      title: '  Trip  ',
    });
    expect(result).toEqual({ ok: true, value: { handled: 'renameConversation' } });
    expect(calls).toEqual([{ name: 'renameConversation', request: { conversationId: 'c1', title: 'Trip' } }]);
  });

  it('answers a handler without a value with null (IPC carries no undefined)', async () => {
    const { ipcMain } = setup();
    const result = await ipcMain.invoke(invokeWireName('removeWorker'), senderEvent(1, APP_PAGE), {
      workerId: 'w1',
    });
    expect(result).toEqual({ ok: true, value: null });
  });

  it('rejects a bad payload with invalid-request naming the field, and never calls the handler', async () => {
    const { ipcMain, calls } = setup();
    const bad: [string, unknown][] = [
      ['sendMessage', { text: '   ' }],
      ['sendMessage', { text: 'hi', extra: true }],
      ['stopRun', 'run-1'],
      ['listWorkers', { unexpected: 1 }],
      ['saveSettings', { modelBaseUrl: 'file:///etc/passwd' }],
    ];
    for (const [name, payload] of bad) {
      const result = (await ipcMain.invoke(
        invokeWireName(name as never),
        senderEvent(1, APP_PAGE),
        payload,
      )) as IpcResult;
      expect(result.ok, name).toBe(false);
      if (!result.ok) {
        expect(result.error.code, name).toBe('invalid-request');
        expect(result.error.message, name).toMatch(new RegExp(`^invalid ${name} request: `));
      }
    }
    const empty = (await ipcMain.invoke(invokeWireName('sendMessage'), senderEvent(1, APP_PAGE), {
      text: ' ',
    })) as IpcResult;
    expect(!empty.ok && empty.error.message).toBe('invalid sendMessage request: text: the message is empty');
    expect(calls).toEqual([]);
  });

  it('refuses a sender that is not a window of the app, whatever it sends', async () => {
    const { ipcMain, calls, logged } = setup();
    const result = await ipcMain.invoke(invokeWireName('listWorkers'), senderEvent(2, APP_PAGE), undefined);
    expect(result).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'request refused: it did not come from a window of this app' },
    });
    expect(calls).toEqual([]);
    expect(logged.join('\n')).toContain('listWorkers: request refused');
  });

  it("refuses a page of another origin and a sub-frame, even in the app's window", async () => {
    const { ipcMain, calls } = setup();
    const remote = (await ipcMain.invoke(
      invokeWireName('listWorkers'),
      senderEvent(1, 'https://example.com/'),
      undefined,
    )) as IpcResult;
    expect(!remote.ok && remote.error).toEqual({
      code: 'unauthorized',
      message: "request refused: it came from a page that is not the app's (https://example.com/)",
    });
    const frame = (await ipcMain.invoke(
      invokeWireName('listWorkers'),
      senderEvent(1, APP_PAGE, { subFrame: true }),
      undefined,
    )) as IpcResult;
    expect(!frame.ok && frame.error.code).toBe('unauthorized');
    const gone = (await ipcMain.invoke(
      invokeWireName('listWorkers'),
      { sender: { id: 1 }, senderFrame: null },
      undefined,
    )) as IpcResult;
    expect(!gone.ok && gone.error.message).toBe('request refused: its frame is gone');
    expect(calls).toEqual([]);
  });

  it('keeps the code of an ApiError a handler throws; other errors become internal', async () => {
    const notFound = setup({
      channel: 'loadConversation',
      error: new ApiError('not-found', 'no conversation c9'),
    });
    expect(
      await notFound.ipcMain.invoke(invokeWireName('loadConversation'), senderEvent(1, APP_PAGE), {
        conversationId: 'c9',
      }),
    ).toEqual({ ok: false, error: { code: 'not-found', message: 'no conversation c9' } });
    const broken = setup({ channel: 'listWorkers', error: new Error('disk full') });
    expect(
      await broken.ipcMain.invoke(invokeWireName('listWorkers'), senderEvent(1, APP_PAGE), undefined),
    ).toEqual({ ok: false, error: { code: 'internal', message: 'disk full' } });
    expect(broken.logged.join('\n')).toContain('listWorkers: disk full');
  });

  it("forwards every host event to the app's live windows only", () => {
    const { emit, window, foreign } = setup();
    const workers: WorkerInfo[] = [];
    emit('workersChanged', workers);
    expect(window.sent).toEqual([{ channel: eventWireName('workersChanged'), payload: workers }]);
    expect(foreign.sent).toEqual([]);
    window.destroyed = true;
    emit('workersChanged', workers);
    expect(window.sent).toHaveLength(1);
  });

  it('removes every handler and stops forwarding when disposed', () => {
    const { ipcMain, dispose, listenerCount } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(listenerCount()).toBe(0);
  });
});

describe('dispatchInvoke', () => {
  it('answers a channel that is not in the contract with unknown-channel', async () => {
    const { host, calls } = fakeHost();
    const result = await dispatchInvoke(
      {
        host,
        trustedSenders: () => ({ webContentsIds: new Set([1]), appOrigins: ['app://durable-agent'] }),
        log: () => undefined,
      },
      senderEvent(1, APP_PAGE),
      'readFile',
      { path: '/etc/passwd' },
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'no channel "readFile"' },
    });
    expect(calls).toEqual([]);
  });
});

describe('the preload transport over IPC', () => {
  function page(senderId = 1) {
    const context = setup();
    const renderer = new FakeIpcRenderer(context.ipcMain, senderEvent(senderId, APP_PAGE));
    return { ...context, renderer, api: createApi(createIpcTransport(renderer as never)) };
  }

  it("exposes a verb per channel that resolves with the handler's value", async () => {
    const { api, calls } = page();
    await expect(api.sendMessage({ text: 'Hello' })).resolves.toEqual({ handled: 'sendMessage' });
    await expect(api.listWorkers()).resolves.toEqual({ handled: 'listWorkers' });
    expect(calls.map((call) => call.name)).toEqual(['sendMessage', 'listWorkers']);
  });

  it('rejects with an ApiError carrying the code and the sentence', async () => {
    const { api } = page();
    const error = await api.sendMessage({ text: '' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'invalid-request',
      message: 'invalid sendMessage request: text: the message is empty',
    });
    const foreign = page(7);
    await expect(foreign.api.listWorkers()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('delivers event payloads (never the IPC event) to listeners until they unsubscribe', () => {
    const { api, renderer } = page();
    const received: unknown[] = [];
    const unsubscribe = api.onWorkersChanged((workers) => received.push(workers));
    renderer.deliver(eventWireName('workersChanged'), [{ id: 'w1' }]);
    unsubscribe();
    renderer.deliver(eventWireName('workersChanged'), [{ id: 'w2' }]);
    expect(received).toEqual([[{ id: 'w1' }]]);
    expect(renderer.events.listenerCount(eventWireName('workersChanged'))).toBe(0);
  });
});
