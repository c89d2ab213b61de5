/**
 * The Content-Security-Policy of the app's pages, sent as a response header (the renderer's
 * `index.html` carries a meta tag too; a page gets the intersection of both). Nothing remote: scripts,
 * styles, images and connections come from the app's own origin only.
 */
export interface ContentSecurityPolicyOptions {
  /** `electron-vite dev`'s server: its origin and HMR socket are allowed, and the React refresh preamble. */
  readonly devServerUrl?: string;
}

export function contentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): string {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : undefined;
  const devSocket = dev ? `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}` : undefined;
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'none'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    // React sets style attributes; no remote style sheets.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': devSocket ? ["'self'", devSocket] : ["'self'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Headers every app page and asset is served with. */
export function securityHeaders(policy: string): Record<string, string> {
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
