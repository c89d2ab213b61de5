import type { WebContents } from 'electron';
import { decideNavigation, decideWindowOpen, type NavigationContext } from './navigation-policy';

/** The part of a `WebContents` the guards attach to (a fake in tests). */
export type GuardedWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export interface WebContentsGuardOptions {
  /** Read at each request: the Web UI address changes with the Temporal in use. */
  readonly context: () => NavigationContext;
  /** `shell.openExternal`: the system browser. */
  readonly openExternal: (url: string) => void;
  readonly log: (line: string) => void;
}

/**
 * Keeps a window on the app's own pages: navigation elsewhere and every new window are refused; the
 * Temporal Web UI opens in the system browser instead; `<webview>` is never attached.
 */
export function guardWebContents(contents: GuardedWebContents, options: WebContentsGuardOptions): void {
  // Every frame's navigations (the main frame's included: `will-navigate` would see those twice).
  contents.on('will-frame-navigate', (event) => {
    const decision = decideNavigation(event.url, options.context());
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external' && event.isMainFrame) options.openExternal(event.url);
    else options.log(`blocked a navigation to ${event.url}`);
  });
  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url, options.context()) === 'allow') return;
    event.preventDefault();
    options.log(`blocked a redirect to ${event.url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url, options.context()) === 'open-external') options.openExternal(url);
    else options.log(`blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}
