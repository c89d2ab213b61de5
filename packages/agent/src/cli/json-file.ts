import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';

/** The file's content if it is JSON matching `schema`; `empty` when it is missing, unreadable or damaged. */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>, empty: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // missing or unreadable: as if empty
  }
  return empty;
}

/** Replaces the file whole (a temporary file renamed over it), so a reader never sees it half written. */
export function writeJsonFile(file: string, content: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`);
  renameSync(temporary, file);
}
