import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readDesktopOptions } from '../../src/main/desktop-options';
import { setupGracefulQuit } from '../../src/main/graceful-quit';
import { claimSingleInstance } from '../../src/main/single-instance';

/** Electron's `app` as far as quitting goes: `quit()` emits a preventable before-quit. */
class FakeApp extends EventEmitter {
  exitCode: number | undefined;
  lock = true;

  quit(): void {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.exit(0);
  }

  exit(code = 0): void {
    this.exitCode ??= code;
  }

  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('setupGracefulQuit', () => {
  it('holds the quit until the host has closed, then exits', async () => {
    const app = new FakeApp();
    const closing = deferred();
    let closeCalls = 0;
    setupGracefulQuit({
      app,
      close: () => {
        closeCalls++;
        return closing.promise;
      },
      log: () => undefined,
      signals: [],
    });
    app.quit();
    app.quit();
    await flush();
    expect(app.exitCode).toBeUndefined();
    closing.resolve();
    await flush();
    expect(app.exitCode).toBe(0);
    expect(closeCalls).toBe(1);
  });

  it('exits anyway when closing fails or takes longer than the timeout', async () => {
    const failing = new FakeApp();
    const logged: string[] = [];
    setupGracefulQuit({
      app: failing,
      close: () => Promise.reject(new Error('stuck')),
      log: (line) => logged.push(line),
      signals: [],
    });
    failing.quit();
    await flush();
    expect(failing.exitCode).toBe(0);
    expect(logged.join('\n')).toContain('stopping the host failed: Error: stuck');

    const slow = new FakeApp();
    setupGracefulQuit({
      app: slow,
      close: () => new Promise(() => undefined),
      log: () => undefined,
      timeoutMs: 10,
      signals: [],
    });
    slow.quit();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(slow.exitCode).toBe(0);
  });

  it('quits gracefully on SIGTERM and SIGINT', async () => {
    const app = new FakeApp();
    const handlers = new Map<string, () => void>();
    let closed = false;
    setupGracefulQuit({
      app,
      close: async () => {
        closed = true;
      },
      log: () => undefined,
      signals: ['SIGTERM', 'SIGINT'],
      onSignal: (signal, listener) => handlers.set(signal, listener),
    });
    expect([...handlers.keys()]).toEqual(['SIGTERM', 'SIGINT']);
    handlers.get('SIGTERM')!();
    await flush();
    expect(closed).toBe(true);
    expect(app.exitCode).toBe(0);
  });
});

describe('claimSingleInstance', () => {
  it('lets the first launch run and focuses its window when another launch starts', () => {
    const app = new FakeApp();
    let focused = 0;
    expect(claimSingleInstance(app, () => focused++)).toBe(true);
    app.emit('second-instance');
    expect(focused).toBe(1);
  });

  it('tells a second launch to quit', () => {
    const app = new FakeApp();
    app.lock = false;
    expect(claimSingleInstance(app, () => undefined)).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});

describe('readDesktopOptions', () => {
  it('needs nothing: the installed app runs with the defaults', () => {
    expect(readDesktopOptions({})).toEqual({ standbyWorkers: true });
  });

  it('reads the data folder, Temporal, workers, demo pace and standby workers from DURABLE_AGENT_* variables', () => {
    expect(
      readDesktopOptions({
        DURABLE_AGENT_DATA_DIR: '/tmp/agent-data',
        DURABLE_AGENT_TEMPORAL_ADDRESS: '127.0.0.1:7233',
        DURABLE_AGENT_WORKERS: '2',
        DURABLE_AGENT_DEMO_PACE: '40',
        DURABLE_AGENT_STANDBY_WORKERS: '0',
      }),
    ).toEqual({
      dataDir: '/tmp/agent-data',
      temporal: { kind: 'external', address: '127.0.0.1:7233' },
      workers: 2,
      demoPace: 40,
      standbyWorkers: false,
    });
    expect(readDesktopOptions({ DURABLE_AGENT_TEMPORAL_PORT: '17233' })).toEqual({
      temporal: { kind: 'embedded', port: 17233 },
      standbyWorkers: true,
    });
  });

  it('names the variable and the bad value', () => {
    expect(() => readDesktopOptions({ DURABLE_AGENT_WORKERS: 'many' })).toThrow(
      'DURABLE_AGENT_WORKERS must be an integer from 0 to 16, got "many"',
    );
    expect(() => readDesktopOptions({ DURABLE_AGENT_TEMPORAL_ADDRESS: 'http://x' })).toThrow(
      'DURABLE_AGENT_TEMPORAL_ADDRESS must look like host:port',
    );
    expect(() => readDesktopOptions({ DURABLE_AGENT_DEMO_PACE: '-1' })).toThrow('DURABLE_AGENT_DEMO_PACE');
  });
});
