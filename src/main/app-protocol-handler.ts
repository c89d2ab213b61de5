import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf } from '../host/content-type';
import { APP_HOST, APP_SCHEME } from './app-scheme';
import { securityHeaders } from './content-security-policy';
import { CRASH_PAGE_PATH, crashPageHtml } from './crash-page';

export interface AppProtocolOptions {
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string;
  readonly contentSecurityPolicy: string;
  /** Where the crash page's Reload goes (the dev server in development); default the app's entry page. */
  readonly entryUrl?: string;
}

/** The crash page's URL, parsed, when `url` names it. */
function crashPageRequest(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    const ours = parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
    return ours && parsed.pathname === CRASH_PAGE_PATH ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file of the renderer a URL of the app scheme names, or undefined for anything else: another
 * scheme or host, or a path that would leave the renderer folder. `/` is `index.html`.
 */
export function resolveAppFile(rendererDir: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(`${root}${path.sep}`) ? file : undefined;
}

/**
 * Serves the built renderer on the app scheme, and the crash page (see renderer-crash-guard.ts), every
 * response with the CSP and security headers.
 */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  const headers = securityHeaders(options.contentSecurityPolicy);
  const refuse = (status: number, text: string) =>
    new Response(text, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    const crashPage = crashPageRequest(request.url);
    if (crashPage) {
      const html = crashPageHtml(crashPage, options.entryUrl);
      return new Response(request.method === 'HEAD' ? null : html, {
        status: 200,
        headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    }
    const file = resolveAppFile(options.rendererDir, request.url);
    if (!file) return refuse(404, 'not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return refuse(404, 'not found');
    }
    const contentType = contentTypeOf(file);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...headers, 'Content-Type': contentType },
    });
  };
}
