import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentTypeOf } from '../host/content-type';

const notBuiltPage = `<!doctype html><meta charset="utf-8"><title>Durable Agent</title>
<body style="font-family: system-ui; margin: 3rem; line-height: 1.5">
<h1>Durable Agent</h1><p>The web mode host is running, but the renderer has not been built yet.</p>
<p>Run <code>npm run build</code> (or <code>npx electron-vite build</code>), then reload this page.</p></body>`;

/** A file of the renderer, or its index.html for any other page path (client-side routes). */
async function resolveFile(rendererDir: string, pathname: string): Promise<string | undefined> {
  const relative = path.normalize(pathname).replace(/^([/\\])+/, '');
  const file = path.join(rendererDir, relative);
  if (file !== rendererDir && !file.startsWith(rendererDir + path.sep)) return undefined;
  const isFile = await stat(file).then(
    (stats) => stats.isFile(),
    () => false,
  );
  if (isFile) return file;
  if (path.extname(relative) !== '') return undefined;
  const index = path.join(rendererDir, 'index.html');
  return (await stat(index).then(
    (stats) => stats.isFile(),
    () => false,
  ))
    ? index
    : undefined;
}

/**
 * Serves the built renderer (`pathname` already decoded); `index.html` uncached, hashed assets cached. A
 * file that cannot be read rejects (the caller answers 500); a client gone mid-file is no error.
 */
export async function serveStatic(
  rendererDir: string,
  pathname: string,
  response: ServerResponse,
): Promise<void> {
  const file = await resolveFile(rendererDir, pathname).catch(() => undefined);
  if (!file) {
    const isPage = path.extname(pathname) === '';
    response.writeHead(isPage ? 200 : 404, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(isPage ? notBuiltPage : 'not found');
    return;
  }
  const isIndex = path.basename(file) === 'index.html';
  response.writeHead(200, {
    'content-type': contentTypeOf(file),
    'cache-control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  await pipeline(createReadStream(file), response).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  });
}
