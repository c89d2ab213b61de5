import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type Log = (line: string) => void;

/**
 * Diagnostics of the main process: to stderr and `<logDir>/main.log`. Never given a secret (the host
 * keeps the API key out of everything it logs).
 */
export function createLog(logDir: string): Log {
  const file = path.join(logDir, 'main.log');
  let writable = true;
  try {
    mkdirSync(logDir, { recursive: true });
  } catch {
    writable = false;
  }
  return (line) => {
    const stamped = `${new Date().toISOString()} ${line}`;
    console.error(`[durable-agent] ${line}`);
    if (!writable) return;
    try {
      appendFileSync(file, `${stamped}\n`);
    } catch {
      writable = false;
    }
  };
}
