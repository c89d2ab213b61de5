import { messageOf } from './error-message';
/**
 * Runs `action` on `file`; a failure names the file (`EISDIR: illegal operation on a directory, read`,
 * SQLite's `unable to open database file` or `disk I/O error` say nothing of which file). The error keeps
 * its `code` and has the original as its `cause`.
 */
export function namingFile<T>(file: string, what: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    const message = messageOf(error);
    if (message.includes(file)) throw error;
    const named = new Error(`${what} ${file}: ${message}`, { cause: error });
    const code = (error as { code?: unknown } | null)?.code;
    throw code === undefined ? named : Object.assign(named, { code });
  }
}
