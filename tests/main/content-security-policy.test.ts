import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../src/main/content-security-policy';

/** `directive → sources` of a policy string. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

/** A source that reaches beyond the app's own origin (a host, a scheme other than data:, a wildcard). */
function isRemote(source: string): boolean {
  return !source.startsWith("'") && source !== 'data:';
}

describe('contentSecurityPolicy', () => {
  const policy = parsePolicy(contentSecurityPolicy());

  it('denies by default and allows scripts from the app itself only (no inline, no eval)', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
  });

  it('allows no remote source in any directive', () => {
    for (const [name, sources] of policy) {
      expect(sources.filter(isRemote), name).toEqual([]);
      expect(sources, name).not.toContain("'unsafe-eval'");
    }
  });

  it('forbids plugins, frames, framing, forms and <base>', () => {
    for (const name of ['object-src', 'frame-src', 'frame-ancestors', 'form-action', 'base-uri']) {
      expect(policy.get(name), name).toEqual(["'none'"]);
    }
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it("in development allows the dev server's HMR socket and inline refresh preamble, nothing else remote", () => {
    const dev = parsePolicy(contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' }));
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('default-src')).toEqual(["'none'"]);
  });

  it('is sent with nosniff, no referrer and an isolated opener', () => {
    const headers = securityHeaders('default-src none');
    expect(headers).toMatchObject({
      'Content-Security-Policy': 'default-src none',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
  });
});

describe("the renderer's index.html", () => {
  const html = readFileSync(path.join(import.meta.dirname, '../../src/renderer/index.html'), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);

  it('carries a CSP meta tag with no remote source, no eval and scripts from the app only', () => {
    expect(meta, 'a <meta http-equiv="Content-Security-Policy"> tag').not.toBeNull();
    const policy = parsePolicy(meta![1]!);
    expect(policy.get('script-src') ?? policy.get('default-src')).toEqual(["'self'"]);
    for (const [name, sources] of policy) {
      expect(sources.filter(isRemote), name).toEqual([]);
      expect(sources, name).not.toContain("'unsafe-eval'");
    }
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });

  it('loads no script from anywhere but the app', () => {
    const sources = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.filter((source) => /^[a-z]+:|^\/\//i.test(source))).toEqual([]);
  });
});
