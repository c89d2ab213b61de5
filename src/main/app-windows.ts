import { BrowserWindow, shell } from 'electron';
import type { NavigationContext } from './navigation-policy';
import { handleRendererGone, RendererCrashGuard } from './renderer-crash-guard';
import { guardWebContents } from './secure-web-contents';
import { createWindowOptions } from './window-options';

export interface AppWindowsOptions {
  readonly preload: string;
  readonly icon: string;
  /** The app's page: `app://durable-agent/index.html`, or the dev server. */
  readonly url: string;
  readonly navigation: () => NavigationContext;
  /** False in a packaged app: DevTools cannot be opened at all. */
  readonly devTools: boolean;
  readonly log: (line: string) => void;
}

/** The windows the app created: the only senders IPC accepts and the only targets of its events. */
export class AppWindows {
  private readonly windows = new Map<BrowserWindow, number>();

  constructor(private readonly options: AppWindowsOptions) {}

  open(): BrowserWindow {
    const { options } = this;
    const window = new BrowserWindow(
      createWindowOptions({ preload: options.preload, icon: options.icon, devTools: options.devTools }),
    );
    const contents = window.webContents;
    this.windows.set(window, contents.id);
    guardWebContents(contents, {
      context: options.navigation,
      openExternal: (url) => void shell.openExternal(url),
      log: options.log,
    });
    const crashes = new RendererCrashGuard();
    contents.on('render-process-gone', (_event, details) =>
      handleRendererGone(window, crashes, details.reason, options.log),
    );
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => this.windows.delete(window));
    window
      .loadURL(options.url)
      .catch((error: unknown) => options.log(`could not load ${options.url}: ${error}`));
    return window;
  }

  /** Brings the app to the front (a second launch, a dock click); opens a window if none is left. */
  focus(): void {
    const window = [...this.windows.keys()].at(0);
    if (!window) {
      this.open();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  get count(): number {
    return this.windows.size;
  }

  webContentsIds(): ReadonlySet<number> {
    return new Set(this.windows.values());
  }

  eventTargets(): Iterable<Electron.WebContents> {
    return [...this.windows.keys()]
      .filter((window) => !window.isDestroyed())
      .map((window) => window.webContents);
  }
}
