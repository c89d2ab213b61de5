import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppFile } from '../../src/main/app-protocol-handler';

const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-renderer-'));
mkdirSync(path.join(rendererDir, 'assets'));
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(path.join(rendererDir, 'assets', 'index-1.js'), 'console.log(1)');
writeFileSync(path.join(path.dirname(rendererDir), 'outside-secret.txt'), 'secret');
afterAll(() => {
  rmSync(rendererDir, { recursive: true, force: true });
  rmSync(path.join(path.dirname(rendererDir), 'outside-secret.txt'), { force: true });
});

const handler = createAppProtocolHandler({ rendererDir, contentSecurityPolicy: "default-src 'none'" });

describe('resolveAppFile', () => {
  it('maps app://durable-agent paths into the renderer folder, / to index.html', () => {
    expect(resolveAppFile(rendererDir, 'app://durable-agent/')).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://durable-agent/assets/index-1.js?x=1#y')).toBe(
      path.join(rendererDir, 'assets', 'index-1.js'),
    );
  });

  it('refuses other hosts, other schemes and paths that leave the folder', () => {
    expect(resolveAppFile(rendererDir, 'app://other/index.html')).toBeUndefined();
    expect(resolveAppFile(rendererDir, 'file:///etc/passwd')).toBeUndefined();
    expect(resolveAppFile(rendererDir, 'https://durable-agent/index.html')).toBeUndefined();
    expect(resolveAppFile(rendererDir, 'app://durable-agent/..%2foutside-secret.txt')).toBeUndefined();
    expect(resolveAppFile(rendererDir, 'app://durable-agent/%00')).toBeUndefined();
    expect(resolveAppFile(rendererDir, 'not a url')).toBeUndefined();
  });

  it('keeps dot segments inside the folder (the URL parser resolves them first)', () => {
    for (const url of ['app://durable-agent/%2e%2e/outside-secret.txt', 'app://durable-agent/a/../../x']) {
      expect(resolveAppFile(rendererDir, url)?.startsWith(`${rendererDir}${path.sep}`), url).toBe(true);
    }
  });
});

describe('createAppProtocolHandler', () => {
  it('serves the page with its content type and the CSP and security headers', async () => {
    const response = await handler(new Request('app://durable-agent/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>app</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await handler(new Request('app://durable-agent/assets/index-1.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 (with the CSP) for missing files and anything outside the renderer', async () => {
    for (const url of [
      'app://durable-agent/missing.js',
      'app://durable-agent/..%2foutside-secret.txt',
      'app://durable-agent/%2e%2e/outside-secret.txt',
      'app://elsewhere/index.html',
    ]) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe("default-src 'none'");
      expect(await response.text(), url).not.toContain('secret');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handler(
      new Request('app://durable-agent/index.html', { method: 'POST', body: 'x' }),
    );
    expect(response.status).toBe(405);
  });

  it('serves the crash page: the reason (escaped), the count, and a Reload link to the entry page, with the CSP', async () => {
    const withEntry = createAppProtocolHandler({
      rendererDir,
      contentSecurityPolicy: "default-src 'none'",
      entryUrl: 'http://localhost:5173/',
    });
    const url = 'app://durable-agent/crashed.html?reason=%3Cscript%3Eoom&crashes=3&within=60';
    const response = await withEntry(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<h1>The window keeps crashing</h1>');
    expect(html).toContain(
      'stopped 3 times within 60 seconds (last reason: <code>&#60;script&#62;oom</code>)',
    );
    expect(html).toContain('<a id="reload" href="http://localhost:5173/"');
    expect(html).not.toContain('<script');
    const packaged = await (await handler(new Request(url))).text();
    expect(packaged).toContain('href="app://durable-agent/index.html"');
  });
});
