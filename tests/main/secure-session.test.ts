import { describe, expect, it } from 'vitest';
import {
  type GuardedSession,
  guardSession,
  isAllowedRequest,
  withContentSecurityPolicy,
} from '../../src/main/secure-session';

const appOrigins = ['app://durable-agent'];

type Listener = (
  details: Record<string, unknown>,
  callback: (response: Record<string, unknown>) => void,
) => void;

/** A session recording the guards installed on it. */
function fakeSession() {
  const installed: {
    beforeRequest?: Listener;
    headersReceived?: Listener;
    permissionRequest?: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: unknown,
    ) => void;
    permissionCheck?: (contents: unknown, permission: string, origin: string) => boolean;
  } = {};
  const session = {
    webRequest: {
      onBeforeRequest: (_filter: unknown, listener: Listener) => {
        installed.beforeRequest = listener;
      },
      onHeadersReceived: (_filter: unknown, listener: Listener) => {
        installed.headersReceived = listener;
      },
    },
    setPermissionRequestHandler: (handler: typeof installed.permissionRequest) => {
      installed.permissionRequest = handler;
    },
    setPermissionCheckHandler: (handler: typeof installed.permissionCheck) => {
      installed.permissionCheck = handler;
    },
  };
  const logged: string[] = [];
  guardSession(session as unknown as GuardedSession, {
    appOrigins,
    extraRequestOrigins: ['ws://localhost:5173'],
    contentSecurityPolicy: "default-src 'none'",
    log: (line) => logged.push(line),
  });
  const call = (listener: Listener | undefined, details: Record<string, unknown>) => {
    let response: Record<string, unknown> | undefined;
    listener!(details, (value) => {
      response = value;
    });
    return response!;
  };
  return { installed, logged, call };
}

describe('isAllowedRequest', () => {
  it("allows the app's own origin and local schemes, nothing on the network or disk", () => {
    expect(isAllowedRequest('app://durable-agent/assets/index.js', appOrigins)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', appOrigins)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', appOrigins)).toBe(true);
    expect(isAllowedRequest('https://cdn.example.com/x.js', appOrigins)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:8233/', appOrigins)).toBe(false);
    expect(isAllowedRequest('wss://example.com/socket', appOrigins)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', appOrigins)).toBe(false);
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces any policy the server sent (whatever its case) and keeps the other headers', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      "default-src 'none'",
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'none'"],
    });
  });
});

describe('guardSession', () => {
  it('cancels remote requests and lets app requests (and the dev socket) through', () => {
    const { installed, logged, call } = fakeSession();
    expect(call(installed.beforeRequest, { url: 'https://example.com/tracker.js' })).toEqual({
      cancel: true,
    });
    expect(logged.join('\n')).toContain('blocked a request to https://example.com/tracker.js');
    expect(call(installed.beforeRequest, { url: 'app://durable-agent/index.html' })).toEqual({
      cancel: false,
    });
    expect(call(installed.beforeRequest, { url: 'ws://localhost:5173/' })).toEqual({ cancel: false });
  });

  it("puts the CSP header on the app's pages only", () => {
    const { installed, call } = fakeSession();
    expect(
      call(installed.headersReceived, { url: 'app://durable-agent/index.html', responseHeaders: {} }),
    ).toEqual({
      responseHeaders: { 'Content-Security-Policy': ["default-src 'none'"] },
    });
    expect(call(installed.headersReceived, { url: 'https://example.com/', responseHeaders: {} })).toEqual({});
  });

  it('refuses permission requests (camera, notifications, …) and checks', () => {
    const { installed } = fakeSession();
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal']) {
      let granted: boolean | undefined;
      installed.permissionRequest!({}, permission, (value) => (granted = value), {
        requestingUrl: 'app://durable-agent/index.html',
      });
      expect(granted, permission).toBe(false);
      expect(installed.permissionCheck!({}, permission, 'app://durable-agent'), permission).toBe(false);
    }
  });

  it('allows copying to the clipboard from app pages only', () => {
    const { installed } = fakeSession();
    expect(installed.permissionCheck!({}, 'clipboard-sanitized-write', 'app://durable-agent')).toBe(true);
    expect(installed.permissionCheck!({}, 'clipboard-sanitized-write', 'https://example.com')).toBe(false);
  });
});
