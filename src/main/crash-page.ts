import { APP_ENTRY_URL, APP_ORIGIN } from './app-scheme';

/** Where the crash page lives on the app scheme (no file of the renderer has this name). */
export const CRASH_PAGE_PATH = '/crashed.html';

export interface CrashPageDetails {
  /** Electron's reason for the last crash (`crashed`, `oom`…). */
  readonly reason: string;
  readonly crashes: number;
  readonly withinSeconds: number;
}

/** The crash page's address: its details travel in the query (the page has no script). */
export function crashPageUrl(details: CrashPageDetails): string {
  const query = new URLSearchParams({
    reason: details.reason,
    crashes: String(details.crashes),
    within: String(details.withinSeconds),
  });
  return `${APP_ORIGIN}${CRASH_PAGE_PATH}?${query}`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The page shown instead of reloading a renderer that keeps crashing: what happened, that nothing of the
 * runs is lost, and a Reload link back to the app (a plain link: the page needs no script under the CSP).
 */
export function crashPageHtml(url: URL, entryUrl: string = APP_ENTRY_URL): string {
  const reason = escapeHtml(url.searchParams.get('reason') || 'unknown');
  const crashes = Number(url.searchParams.get('crashes')) || 0;
  const within = Number(url.searchParams.get('within')) || 60;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Durable Agent — the window keeps crashing</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem auto; max-width: 38rem; line-height: 1.5">
<h1>The window keeps crashing</h1>
<p>Its page stopped ${crashes} times within ${within} seconds (last reason: <code>${reason}</code>), so it is
no longer reloaded by itself.</p>
<p>Nothing is lost: the app keeps running in the background — workers, Temporal and the runs they are
answering go on, and every answer is saved.</p>
<p><a id="reload" href="${escapeHtml(entryUrl)}" style="display: inline-block; padding: 0.5rem 1.25rem;
border-radius: 6px; background: #2f6fed; color: white; text-decoration: none">Reload</a></p>
<p style="color: #666">If it crashes again, quit and start the app; the log in the data folder's
<code>logs</code> folder says more.</p>
</body></html>`;
}
