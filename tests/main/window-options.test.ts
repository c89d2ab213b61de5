import { describe, expect, it } from 'vitest';
import { createWindowOptions } from '../../src/main/window-options';

describe('createWindowOptions', () => {
  const options = createWindowOptions({
    preload: '/app/out/preload/index.cjs',
    icon: '/app/icon.png',
    devTools: false,
  });
  const web = options.webPreferences!;

  it('isolates and sandboxes the renderer with no Node in any frame or worker', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on: no insecure content, no <webview>, no experimental features', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads only the given preload and shows the window once it has painted', () => {
    expect(web.preload).toBe('/app/out/preload/index.cjs');
    expect(options.show).toBe(false);
    expect(options.icon).toBe('/app/icon.png');
  });

  it('leaves out the icon when none is given', () => {
    expect(createWindowOptions({ preload: '/p.cjs', devTools: true })).not.toHaveProperty('icon');
  });

  it('turns DevTools off for a packaged app (app.isPackaged) and leaves them on in development', () => {
    expect(web.devTools).toBe(false);
    expect(createWindowOptions({ preload: '/p.cjs', devTools: true }).webPreferences?.devTools).toBe(true);
  });
});
