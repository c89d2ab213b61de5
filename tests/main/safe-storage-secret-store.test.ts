import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ENCRYPTED_SECRET_FILE,
  openSafeStorageSecretStore,
  type SafeStorageLike,
} from '../../src/main/safe-storage-secret-store';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataDir(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-secrets-'));
  folders.push(folder);
  return folder;
}

/** A keychain stand-in: reversible, and the stored bytes never contain the plain text. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  const mask = (data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x5a));
  return {
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (text) => Buffer.concat([Buffer.from('v10'), mask(Buffer.from(text))]),
    decryptStringAsync: async (data) => {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('not ours');
      return { result: mask(data.subarray(3)).toString(), shouldReEncrypt: false };
    },
    getSelectedStorageBackend: () => backend,
  };
}

async function open(folder: string, safeStorage = fakeSafeStorage()) {
  const logged: string[] = [];
  const store = await openSafeStorageSecretStore({
    dataDir: folder,
    safeStorage,
    log: (line) => logged.push(line),
  });
  return { store, logged };
}

describe('openSafeStorageSecretStore', () => {
  it('stores the key encrypted (never in clear), readable by the user only, and reads it back next launch', async () => {
    const folder = dataDir();
    const { store } = await open(folder);
    store.set('sk-secret-123');
    expect(store.get()).toBe('sk-secret-123');
    await store.flush();
    const file = path.join(folder, ENCRYPTED_SECRET_FILE);
    expect(readFileSync(file).includes('sk-secret-123')).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await open(folder)).store.get()).toBe('sk-secret-123');
  });

  it('removes the key from disk when it is cleared', async () => {
    const folder = dataDir();
    const { store } = await open(folder);
    store.set('sk-1');
    store.set(undefined);
    await store.flush();
    expect(existsSync(path.join(folder, ENCRYPTED_SECRET_FILE))).toBe(false);
    expect((await open(folder)).store.get()).toBeUndefined();
  });

  it("takes over web mode's plain secrets.json: encrypts the key and deletes the plain file", async () => {
    const folder = dataDir();
    writeFileSync(path.join(folder, 'secrets.json'), JSON.stringify({ modelApiKey: 'sk-plain' }));
    const { store, logged } = await open(folder);
    expect(store.get()).toBe('sk-plain');
    await store.flush();
    expect(existsSync(path.join(folder, 'secrets.json'))).toBe(false);
    expect(logged.join('\n')).toContain('moved the API key from secrets.json into the system keychain');
    expect((await open(folder)).store.get()).toBe('sk-plain');
  });

  it('without a keychain keeps the key for the session only and writes nothing', async () => {
    const folder = dataDir();
    const { store, logged } = await open(folder, fakeSafeStorage(false));
    store.set('sk-session');
    await store.flush();
    expect(store.get()).toBe('sk-session');
    expect(existsSync(path.join(folder, ENCRYPTED_SECRET_FILE))).toBe(false);
    expect(existsSync(path.join(folder, 'secrets.json'))).toBe(false);
    expect(logged.join('\n')).toContain('kept for this session only');
  });

  it('says so when Linux has no keyring service (the key is only obfuscated)', async () => {
    const { logged } = await open(dataDir(), fakeSafeStorage(true, 'basic_text'));
    expect(logged.join('\n')).toContain('only obfuscated');
  });

  it('treats a key it cannot decrypt as absent, with a sentence in the log', async () => {
    const folder = dataDir();
    writeFileSync(path.join(folder, ENCRYPTED_SECRET_FILE), 'garbage');
    const { store, logged } = await open(folder);
    expect(store.get()).toBeUndefined();
    expect(logged.join('\n')).toContain('could not be decrypted');
  });
});
