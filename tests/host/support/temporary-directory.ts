import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh directory under the OS temp folder; `remove()` deletes it with its contents. */
export function temporaryDirectory(prefix: string): { path: string; remove(): void } {
  const directory = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { path: directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
