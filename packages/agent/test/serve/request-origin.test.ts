import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkHostAndOrigin, loopbackHosts } from '../../src/serve/request-origin';

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('checkHostAndOrigin', () => {
  const hosts = loopbackHosts(8787, '127.0.0.2');

  it('serves the loopback names and the address listened on, with their own Origin or none', () => {
    for (const host of [
      '127.0.0.1:8787',
      'localhost:8787',
      'LOCALHOST:8787',
      '[::1]:8787',
      '127.0.0.2:8787',
    ]) {
      expect(() => checkHostAndOrigin(request({ host }), hosts, undefined)).not.toThrow();
    }
    expect(() =>
      checkHostAndOrigin(
        request({ host: 'localhost:8787', origin: 'http://localhost:8787' }),
        hosts,
        undefined,
      ),
    ).not.toThrow();
  });

  it('refuses another host name (DNS rebinding), another port, and a foreign Origin unless CORS names it', () => {
    const refused = (headers: Record<string, string>, cors?: string) => {
      try {
        checkHostAndOrigin(request(headers), hosts, cors);
        return undefined;
      } catch (error) {
        return (error as { status?: number }).status;
      }
    };
    expect(refused({ host: 'rebound.example:8787' })).toBe(403);
    expect(refused({ host: 'localhost:9999' })).toBe(403);
    expect(refused({})).toBe(403);
    expect(refused({ host: 'localhost:8787', origin: 'https://evil.example' })).toBe(403);
    expect(
      refused({ host: 'localhost:8787', origin: 'https://app.example' }, 'https://app.example'),
    ).toBeUndefined();
    expect(refused({ host: 'anything:1', origin: 'https://evil.example' }, '*')).toBe(403); // the Host still counts
  });
});
