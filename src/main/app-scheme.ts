/**
 * The app's own pages are served from `app://durable-agent/…` (a privileged custom scheme, not
 * `file://`): a real origin for CSP `'self'`, localStorage and sender checks, and nothing else on it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'durable-agent';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** For `protocol.registerSchemesAsPrivileged` (before the app is ready). */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;
