import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the model API key lives. The desktop shell stores it with Electron's `safeStorage`. */
export interface SecretStore {
  get(): string | undefined;
  /** `undefined` removes it. */
  set(value: string | undefined): void;
}

/** The key in `<dataDir>/secrets.json`, readable by the user only (web mode, tests). */
export function fileSecretStore(dataDir: string): SecretStore {
  return privateFileField(path.join(dataDir, 'secrets.json'), 'modelApiKey');
}

/** A secret as `{"value": …}` in a file readable by the user only (web mode, tests). */
export function privateFileSecret(file: string): SecretStore {
  return privateFileField(file, 'value');
}

/** A secret as one string field of a JSON file readable by the user only, replaced atomically. */
function privateFileField(file: string, field: string): SecretStore {
  return {
    get() {
      try {
        const value = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)[field];
        return typeof value === 'string' && value !== '' ? value : undefined;
      } catch {
        return undefined;
      }
    },
    set(value) {
      if (value === undefined) {
        rmSync(file, { force: true });
        return;
      }
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ [field]: value }), { mode: 0o600 });
      chmodSync(temporary, 0o600);
      renameSync(temporary, file);
    },
  };
}

/** Keeps the key in memory only (tests). */
export function memorySecretStore(initial?: string): SecretStore {
  let value = initial;
  return {
    get: () => value,
    set: (next) => {
      value = next;
    },
  };
}
