import { crashPageUrl } from './crash-page';

export interface CrashGuardOptions {
  /** Crashes within `windowMs` after which the window stops reloading by itself; default 3. */
  readonly maxCrashes?: number;
  /** Default one minute. */
  readonly windowMs?: number;
}

/** What to do after the window's renderer is gone. */
export type CrashAction =
  | { readonly kind: 'ignore' | 'reload' }
  | { readonly kind: 'show-crash-page'; readonly url: string };

/**
 * A renderer that crashes is reloaded — but not forever: at the third crash within a minute the window
 * shows a local page saying so, with a Reload button, instead of a loop of crashes and reloads (each of
 * which would hammer the host and hide the cause). Older crashes are forgotten; a clean exit is no crash.
 */
export class RendererCrashGuard {
  private crashes: number[] = [];
  private readonly maxCrashes: number;
  private readonly windowMs: number;

  constructor(options: CrashGuardOptions = {}) {
    this.maxCrashes = options.maxCrashes ?? 3;
    this.windowMs = options.windowMs ?? 60_000;
  }

  /** `reason`: Electron's `render-process-gone` reason (`crashed`, `oom`, `killed`, `clean-exit`…). */
  gone(reason: string, now = Date.now()): CrashAction {
    if (reason === 'clean-exit') return { kind: 'ignore' };
    this.crashes = [...this.crashes.filter((at) => now - at < this.windowMs), now];
    if (this.crashes.length < this.maxCrashes) return { kind: 'reload' };
    return {
      kind: 'show-crash-page',
      url: crashPageUrl({ reason, crashes: this.crashes.length, withinSeconds: this.windowMs / 1000 }),
    };
  }
}

/** The part of a window the guard acts on (a fake in tests). */
export interface CrashableWindow {
  isDestroyed(): boolean;
  readonly webContents: { reload(): void };
  loadURL(url: string): Promise<void>;
}

/** Reacts to `render-process-gone` on `window`: reloads, or shows the crash page; says which in the log. */
export function handleRendererGone(
  window: CrashableWindow,
  guard: RendererCrashGuard,
  reason: string,
  log: (line: string) => void,
): CrashAction {
  const action = window.isDestroyed() ? ({ kind: 'ignore' } as const) : guard.gone(reason);
  switch (action.kind) {
    case 'ignore':
      break;
    case 'reload':
      log(`the window's renderer is gone (${reason}); reloading`);
      window.webContents.reload();
      break;
    case 'show-crash-page':
      log(`the window's renderer is gone (${reason}) again; showing the crash page instead of reloading`);
      window.loadURL(action.url).catch((error: unknown) => log(`could not show the crash page: ${error}`));
      break;
  }
  return action;
}
