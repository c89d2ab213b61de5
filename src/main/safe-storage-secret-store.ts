import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../host/settings/secret-store';

/** Electron's `safeStorage`, as far as the store uses it (a fake in tests). */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'
> & { getSelectedStorageBackend?: () => string };

export interface SafeStorageSecretStore extends SecretStore {
  /** Resolves once every change so far is on disk. */
  flush(): Promise<void>;
}

export interface SafeStorageSecretStoreOptions {
  readonly dataDir: string;
  readonly safeStorage: SafeStorageLike;
  readonly log: (line: string) => void;
  /**
   * Another secret than the model API key (e.g. `temporal-api-key`): kept in `<dataDir>/<name>.safe`,
   * with no plain-text file to take over.
   */
  readonly name?: string;
}

export const ENCRYPTED_SECRET_FILE = 'secrets.safe';
/** Web mode's plain file (`fileSecretStore`): taken over, encrypted, then deleted. */
const PLAIN_SECRET_FILE = 'secrets.json';

/**
 * The model API key encrypted with the OS keychain (`safeStorage`: Keychain, DPAPI, libsecret/kwallet)
 * in `<dataDir>/secrets.safe`. Read once at start-up and kept in memory (the host reads it synchronously);
 * every change is written in the background, in order. Without a usable keychain the key is kept for
 * this session only, never written in clear.
 */
export async function openSafeStorageSecretStore(
  options: SafeStorageSecretStoreOptions,
): Promise<SafeStorageSecretStore> {
  const { safeStorage, log } = options;
  const encryptedFile = path.join(
    options.dataDir,
    options.name === undefined ? ENCRYPTED_SECRET_FILE : `${options.name}.safe`,
  );
  const plainFile = path.join(options.dataDir, PLAIN_SECRET_FILE);
  const available = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  if (!available) {
    log('the system keychain is not available: an API key entered now is kept for this session only');
  } else if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    log('no keyring service found (libsecret or kwallet): the API key is only obfuscated on disk');
  }

  let value: string | undefined;
  const encrypted = await readFile(encryptedFile).catch(() => undefined);
  if (encrypted && available) {
    try {
      value = nonEmpty((await safeStorage.decryptStringAsync(encrypted)).result);
    } catch (error) {
      log(`the stored API key could not be decrypted (${String(error)}); enter it again in Settings`);
    }
  }
  const plain = options.name === undefined ? await readPlainKey(plainFile) : undefined;

  let writes: Promise<void> = Promise.resolve();
  const persist = (next: string | undefined) => {
    writes = writes.then(async () => {
      try {
        if (next === undefined) await rm(encryptedFile, { force: true });
        else if (available) await writePrivate(encryptedFile, await safeStorage.encryptStringAsync(next));
        if (options.name === undefined) await rm(plainFile, { force: true });
      } catch (error) {
        log(`the API key could not be saved: ${String(error)}`);
      }
    });
  };

  if (value === undefined && plain !== undefined) {
    value = plain;
    if (available) {
      log('moved the API key from secrets.json into the system keychain');
      persist(plain);
    }
  }

  return {
    get: () => value,
    set(next) {
      value = nonEmpty(next);
      persist(value);
    },
    flush: () => writes,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

async function readPlainKey(file: string): Promise<string | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { modelApiKey?: unknown };
    return typeof parsed.modelApiKey === 'string' ? nonEmpty(parsed.modelApiKey) : undefined;
  } catch {
    return undefined;
  }
}

async function writePrivate(file: string, data: Buffer): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}
