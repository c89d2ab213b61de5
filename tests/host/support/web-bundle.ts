import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from '../../../src/web/build-web';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Web mode built for plain Node into a folder of its own under out/ (packages resolve from the repo). */
export async function buildWebBundle(): Promise<{ main: string; remove(): void }> {
  const directory = path.join(root, 'out', `test-web-${randomUUID().slice(0, 8)}`);
  const main = await buildWeb(directory);
  return { main, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
