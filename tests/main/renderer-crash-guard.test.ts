import { describe, expect, it } from 'vitest';
import { handleRendererGone, RendererCrashGuard } from '../../src/main/renderer-crash-guard';

/** A window as far as the guard acts on it: records reloads and loaded pages. */
class FakeWindow {
  destroyed = false;
  reloads = 0;
  loaded: string[] = [];
  readonly webContents = { reload: () => void this.reloads++ };
  isDestroyed() {
    return this.destroyed;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
}

describe('RendererCrashGuard', () => {
  it('reloads after the first two crashes, then shows the crash page at the third within a minute', () => {
    const guard = new RendererCrashGuard();
    expect(guard.gone('crashed', 0).kind).toBe('reload');
    expect(guard.gone('oom', 10_000).kind).toBe('reload');
    const third = guard.gone('crashed', 20_000);
    expect(third).toEqual({
      kind: 'show-crash-page',
      url: 'app://durable-agent/crashed.html?reason=crashed&crashes=3&within=60',
    });
    expect(guard.gone('crashed', 21_000).kind).toBe('show-crash-page');
  });

  it('forgets crashes older than a minute: crashes far apart always reload', () => {
    const guard = new RendererCrashGuard();
    for (let minute = 0; minute < 10; minute++)
      expect(guard.gone('crashed', minute * 61_000).kind).toBe('reload');
  });

  it('ignores a clean exit (the window closing), which is no crash', () => {
    const guard = new RendererCrashGuard({ maxCrashes: 1 });
    expect(guard.gone('clean-exit', 0)).toEqual({ kind: 'ignore' });
  });
});

describe('handleRendererGone', () => {
  it('reloads the window twice, then loads the crash page instead of a third reload, saying so in the log', async () => {
    const window = new FakeWindow();
    const guard = new RendererCrashGuard();
    const log: string[] = [];
    for (let crash = 0; crash < 5; crash++)
      handleRendererGone(window, guard, 'crashed', (line) => log.push(line));
    expect(window.reloads).toBe(2);
    expect(window.loaded).toHaveLength(3);
    expect(window.loaded[0]).toMatch(/^app:\/\/durable-agent\/crashed\.html\?reason=crashed&crashes=3/);
    expect(log.at(-1)).toBe(
      "the window's renderer is gone (crashed) again; showing the crash page instead of reloading",
    );
  });

  it('does nothing for a window already destroyed', () => {
    const window = new FakeWindow();
    window.destroyed = true;
    expect(handleRendererGone(window, new RendererCrashGuard(), 'crashed', () => undefined).kind).toBe(
      'ignore',
    );
    expect(window.reloads).toBe(0);
  });
});
