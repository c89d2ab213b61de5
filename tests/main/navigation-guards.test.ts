import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  decideWindowOpen,
  isTemporalWebUiUrl,
  type NavigationContext,
  originOf,
} from '../../src/main/navigation-policy';
import { type GuardedWebContents, guardWebContents } from '../../src/main/secure-web-contents';

const context: NavigationContext = {
  appOrigins: ['app://durable-agent'],
  temporalWebUiUrl: 'http://127.0.0.1:8233',
};

describe('navigation policy', () => {
  it("takes a custom scheme's origin from scheme and host (URL.origin is opaque there)", () => {
    expect(originOf('app://durable-agent/index.html')).toBe('app://durable-agent');
    expect(originOf('http://127.0.0.1:8233/namespaces/default')).toBe('http://127.0.0.1:8233');
    expect(originOf('about:blank')).toBeUndefined();
  });

  it('lets a window navigate within the app only', () => {
    expect(decideNavigation('app://durable-agent/index.html#/c/1', context)).toBe('allow');
    expect(decideNavigation('https://example.com/', context)).toBe('deny');
    expect(decideNavigation('file:///etc/passwd', context)).toBe('deny');
    expect(decideNavigation('app://other/index.html', context)).toBe('deny');
  });

  it('sends the Temporal Web UI (any page of it) to the system browser', () => {
    const workflow = 'http://127.0.0.1:8233/namespaces/default/workflows/agent%2Fc%2Fr';
    expect(decideNavigation(workflow, context)).toBe('open-external');
    expect(decideWindowOpen(workflow, context)).toBe('open-external');
  });

  it('matches the Web UI by exact origin: not another port, scheme, credentials or a look-alike host', () => {
    const webUi = context.temporalWebUiUrl;
    expect(isTemporalWebUiUrl('http://127.0.0.1:8234/', webUi)).toBe(false);
    expect(isTemporalWebUiUrl('https://127.0.0.1:8233/', webUi)).toBe(false);
    expect(isTemporalWebUiUrl('http://user:pw@127.0.0.1:8233/', webUi)).toBe(false);
    expect(isTemporalWebUiUrl('http://127.0.0.1.evil.com:8233/', webUi)).toBe(false);
    expect(isTemporalWebUiUrl('javascript:alert(1)', webUi)).toBe(false);
    expect(isTemporalWebUiUrl('http://127.0.0.1:8233/', undefined)).toBe(false);
  });

  it('never opens a new window inside the app', () => {
    expect(decideWindowOpen('app://durable-agent/index.html', context)).toBe('deny');
    expect(decideWindowOpen('https://example.com/', context)).toBe('deny');
  });
});

/** A webContents that records its guards, so tests can fire the events Electron would. */
class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits `name` with a preventable event; returns whether it was prevented. */
  fire(name: string, fields: Record<string, unknown>): boolean {
    let prevented = false;
    this.emit(name, { ...fields, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function guarded() {
  const contents = new FakeContents();
  const opened: string[] = [];
  const logged: string[] = [];
  guardWebContents(contents as unknown as GuardedWebContents, {
    context: () => context,
    openExternal: (url) => opened.push(url),
    log: (line) => logged.push(line),
  });
  return { contents, opened, logged };
}

describe('guardWebContents', () => {
  it('blocks navigation away from the app, and says so', () => {
    const { contents, opened, logged } = guarded();
    const prevented = contents.fire('will-frame-navigate', {
      url: 'https://example.com/',
      isMainFrame: true,
    });
    expect(prevented).toBe(true);
    expect(opened).toEqual([]);
    expect(logged.join('\n')).toContain('blocked a navigation to https://example.com/');
  });

  it('lets the app navigate within itself', () => {
    const { contents } = guarded();
    expect(
      contents.fire('will-frame-navigate', { url: 'app://durable-agent/index.html', isMainFrame: true }),
    ).toBe(false);
  });

  it('opens a Web UI link in the system browser instead of the window', () => {
    const { contents, opened } = guarded();
    const url = 'http://127.0.0.1:8233/namespaces/default/workflows';
    expect(contents.fire('will-frame-navigate', { url, isMainFrame: true })).toBe(true);
    expect(opened).toEqual([url]);
  });

  it('blocks redirects away from the app', () => {
    const { contents } = guarded();
    expect(contents.fire('will-redirect', { url: 'https://example.com/' })).toBe(true);
  });

  it('denies every new window; only the Web UI goes to the system browser', () => {
    const { contents, opened } = guarded();
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://durable-agent/index.html' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://127.0.0.1:8233/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['http://127.0.0.1:8233/']);
  });

  it('never attaches a <webview>', () => {
    const { contents } = guarded();
    expect(contents.fire('will-attach-webview', {})).toBe(true);
  });
});
