import type { Session } from 'electron';
import { isAppPageUrl } from './navigation-policy';

/** The part of a `Session` the guards configure (a fake in tests). */
export type GuardedSession = {
  readonly webRequest: Pick<Session['webRequest'], 'onBeforeRequest' | 'onHeadersReceived'>;
} & Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

export interface SessionGuardOptions {
  /** Origins of the app's own pages (`app://durable-agent`, the dev server in development). */
  readonly appOrigins: readonly string[];
  /** Other origins requests may go to (the dev server's HMR socket). */
  readonly extraRequestOrigins?: readonly string[];
  readonly contentSecurityPolicy: string;
  readonly log: (line: string) => void;
}

/** Schemes a page of the app may load from besides its own origin: nothing that leaves the machine. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:', 'chrome:', 'chrome-extension:']);

/** Permissions a page of the app may use (copy to the clipboard); everything else is refused. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** Whether the app's session may make this request: its own origin or a local scheme, never the network. */
export function isAllowedRequest(url: string, appOrigins: readonly string[]): boolean {
  if (isAppPageUrl(url, appOrigins)) return true;
  try {
    return LOCAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** The response headers with our CSP in place of any the server sent. */
export function withContentSecurityPolicy(
  headers: Readonly<Record<string, readonly string[] | string>> | undefined,
  policy: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = typeof value === 'string' ? [value] : [...value];
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  appOrigins: readonly string[],
) {
  return ALLOWED_PERMISSIONS.has(permission) && isAppPageUrl(requestingUrl, appOrigins);
}

/**
 * No remote content and no permissions in the app's session: requests leaving the machine are
 * cancelled, permission prompts refused, and every app page gets the CSP header (the dev server's
 * pages included; `app://` responses carry it from the protocol handler already).
 */
export function guardSession(session: GuardedSession, options: SessionGuardOptions): void {
  const { appOrigins, contentSecurityPolicy, log } = options;
  const requestOrigins = [...appOrigins, ...(options.extraRequestOrigins ?? [])];
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = isAllowedRequest(details.url, requestOrigins);
    if (!allowed) log(`blocked a request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived({ urls: ['<all_urls>'] }, (details, callback) => {
    if (!isAppPageUrl(details.url, appOrigins)) return callback({});
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, contentSecurityPolicy) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl, appOrigins);
    if (!allowed) log(`refused the permission "${permission}"`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, appOrigins),
  );
}
