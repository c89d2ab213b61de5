/**
 * What a page of the app may open: its own pages in place; the Temporal Web UI in the system browser;
 * nothing else (no remote content in the app's windows, no new windows).
 */
export type NavigationDecision = 'allow' | 'open-external' | 'deny';

export interface NavigationContext {
  /** Origins of the app's own pages (`app://durable-agent`, the dev server in development). */
  readonly appOrigins: readonly string[];
  /** The Temporal Web UI of the current Temporal, when known. */
  readonly temporalWebUiUrl: string | undefined;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * `scheme://host[:port]`. Not `URL.origin`: for a custom scheme like `app:` that is the opaque "null".
 */
export function originOf(url: string): string | undefined {
  const parsed = parse(url);
  return parsed && parsed.host !== '' ? `${parsed.protocol}//${parsed.host}` : undefined;
}

/** Whether `url` is on the Temporal Web UI (same http(s) origin as `webUiUrl`). */
export function isTemporalWebUiUrl(url: string, webUiUrl: string | undefined): boolean {
  if (!webUiUrl) return false;
  const target = parse(url);
  const webUi = parse(webUiUrl);
  if (!target || !webUi) return false;
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return false;
  if (target.username !== '' || target.password !== '') return false;
  return originOf(url) === originOf(webUiUrl);
}

export function isAppPageUrl(url: string, appOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== undefined && appOrigins.includes(origin);
}

/** A page navigating its own window (`will-navigate`, `will-redirect`, `will-frame-navigate`). */
export function decideNavigation(url: string, context: NavigationContext): NavigationDecision {
  if (isAppPageUrl(url, context.appOrigins)) return 'allow';
  return isTemporalWebUiUrl(url, context.temporalWebUiUrl) ? 'open-external' : 'deny';
}

/** A page asking for a new window (`window.open`, `target="_blank"`): never inside the app. */
export function decideWindowOpen(
  url: string,
  context: NavigationContext,
): Exclude<NavigationDecision, 'allow'> {
  return isTemporalWebUiUrl(url, context.temporalWebUiUrl) ? 'open-external' : 'deny';
}
