import { readFileSync } from 'node:fs';

/** The JSON in `file`, or `{}` when it is missing or damaged (a settings file then gives its defaults). */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}
