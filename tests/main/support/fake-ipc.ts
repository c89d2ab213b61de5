import { EventEmitter } from 'node:events';
import type { IpcRendererEvent } from 'electron';
import type { SenderEvent } from '../../../src/main/trusted-senders';

type Handler = (event: SenderEvent, payload: unknown) => Promise<unknown>;

/** `ipcMain.handle` / `removeHandler`, and a way to invoke a channel as a given sender. */
export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What `ipcRenderer.invoke` does: no handler → Electron's own rejection. */
  invoke(channel: string, sender: SenderEvent, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return handler(sender, payload);
  }
}

/** A window's `webContents` as an event target, recording what it was sent. */
export class FakeWebContents {
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;

  constructor(readonly id: number) {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

/** A sender event of a top-level page at `url` in the webContents `id`. */
export function senderEvent(id: number, url: string, options: { subFrame?: boolean } = {}): SenderEvent {
  return { sender: { id }, senderFrame: { url, parent: options.subFrame ? {} : null } };
}

/** `ipcRenderer` of one page, wired to a FakeIpcMain (invoke) and an emitter (events from main). */
export class FakeIpcRenderer {
  readonly events = new EventEmitter();

  constructor(
    private readonly main: FakeIpcMain,
    private readonly sender: SenderEvent,
  ) {}

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return this.main.invoke(channel, this.sender, args[0]);
  }

  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this {
    this.events.on(channel, listener);
    return this;
  }

  removeListener(channel: string, listener: (...args: unknown[]) => void): this {
    this.events.removeListener(channel, listener);
    return this;
  }

  /** Main sends an event to this page. */
  deliver(channel: string, payload: unknown): void {
    this.events.emit(channel, { sender: this } as unknown as IpcRendererEvent, payload);
  }
}
