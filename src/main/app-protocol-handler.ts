import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-scheme';
import { securityHeaders } from './content-security-policy';
import { contentTypeOf } from '../host/content-type';

export interface AppProtocolOptions {
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string;
  readonly contentSecurityPolicy: string;
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

/** Serves the built renderer on the app scheme, every response with the CSP and security headers. */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  const headers = securityHeaders(options.contentSecurityPolicy);
  const refuse = (status: number, text: string) =>
    new Response(text, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
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
