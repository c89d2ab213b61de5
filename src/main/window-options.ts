import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** The built preload script (`out/preload/index.cjs`). */
  readonly preload: string;
  /** The window icon (Linux, Windows); macOS takes the app bundle's. */
  readonly icon?: string;
  /** False for a packaged app (`app.isPackaged`): DevTools stay closed, by shortcut, menu or code. */
  readonly devTools: boolean;
}

/**
 * The main window: Electron's secure defaults spelled out (an upgrade can never loosen them): an
 * isolated, sandboxed renderer with no Node, web security on, no `<webview>`, no insecure content; no
 * DevTools in a packaged app.
 */
export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Durable Agent',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    // Shown on `ready-to-show`: no white flash before the first paint.
    show: false,
    autoHideMenuBar: true,
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: input.devTools,
    },
  };
}
