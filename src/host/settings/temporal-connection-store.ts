import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TemporalOptions, TemporalTlsOptions } from 'durable-agent';
import { z } from 'zod';
import type {
  SaveTemporalConnectionRequest,
  TemporalConnectionSettings,
} from '../../shared/temporal-connection-models';
import { readJsonFile } from './read-json-file';
import { privateFileSecret, type SecretStore } from './secret-store';

/** The two secrets of a Temporal connection, each in a SecretStore of its own. */
export interface TemporalConnectionSecrets {
  readonly apiKey: SecretStore;
  readonly clientKey: SecretStore;
}

type StoredConnection = Omit<TemporalConnectionSettings, 'hasApiKey' | 'hasClientKey'>;

const EMPTY: StoredConnection = { namespace: '', tls: false, serverName: '', serverCa: '', clientCert: '' };

const storedSchema = z.object({
  namespace: z.string().catch(''),
  tls: z.boolean().catch(false),
  serverName: z.string().catch(''),
  serverCa: z.string().catch(''),
  clientCert: z.string().catch(''),
});

/** What the library needs beyond the address: namespace, TLS and API key. */
export type TemporalCredentials = Pick<TemporalOptions, 'tls' | 'apiKey'> & { readonly namespace?: string };

/**
 * Settings → Temporal beyond the address: the plain parts in `<dataDir>/temporal-connection.json`, the API
 * key and the client key in SecretStores (never in that file, never sent to the renderer).
 */
export class TemporalConnectionStore {
  private constructor(
    private readonly file: string,
    private readonly secrets: TemporalConnectionSecrets,
    private current: StoredConnection,
  ) {}

  /** A missing or damaged file gives the defaults (no TLS, namespace "default"). */
  static load(dataDir: string, secrets: TemporalConnectionSecrets): TemporalConnectionStore {
    const file = path.join(dataDir, 'temporal-connection.json');
    const raw = readJsonFile(file);
    const parsed = storedSchema.safeParse({
      ...EMPTY,
      ...(typeof raw === 'object' && raw !== null ? raw : {}),
    });
    return new TemporalConnectionStore(file, secrets, parsed.success ? parsed.data : EMPTY);
  }

  /** What the UI may see: never a secret, only whether it is set. */
  get(): TemporalConnectionSettings {
    return {
      ...this.current,
      hasApiKey: this.secrets.apiKey.get() !== undefined,
      hasClientKey: this.secrets.clientKey.get() !== undefined,
    };
  }

  /** Applies the given fields; true when anything changed. */
  save(update: SaveTemporalConnectionRequest): boolean {
    const { apiKey, clientKey, ...fields } = update;
    let changed = false;
    const next: Record<string, unknown> = { ...this.current };
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || next[key] === value) continue;
      next[key] = value;
      changed = true;
    }
    for (const [store, value] of [
      [this.secrets.apiKey, apiKey],
      [this.secrets.clientKey, clientKey],
    ] as const) {
      if (value === undefined || (value ?? undefined) === store.get()) continue;
      store.set(value ?? undefined);
      changed = true;
    }
    if (!changed) return false;
    this.current = next as StoredConnection;
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.current, null, 2)}\n`);
    renameSync(temporary, this.file);
    return true;
  }

  /** The connection for the library: `tls` an object when a CA, name or client pair is set. */
  credentials(): TemporalCredentials {
    const { namespace, tls, serverName, serverCa, clientCert } = this.current;
    const apiKey = this.secrets.apiKey.get();
    const clientKey = this.secrets.clientKey.get();
    const details: TemporalTlsOptions = {
      ...(serverName.trim() === '' ? {} : { serverName: serverName.trim() }),
      ...(serverCa.trim() === '' ? {} : { serverCa }),
      ...(clientCert.trim() === '' || clientKey === undefined ? {} : { clientCert, clientKey }),
    };
    const tlsOption = Object.keys(details).length > 0 ? details : tls ? true : undefined;
    return {
      ...(namespace.trim() === '' ? {} : { namespace: namespace.trim() }),
      ...(tlsOption === undefined ? {} : { tls: tlsOption }),
      ...(apiKey === undefined ? {} : { apiKey }),
    };
  }
}

/**
 * The two secrets as files readable by the user only (web mode, tests): `<dataDir>/temporal-api-key.json`
 * and `temporal-client-key.json`. The desktop app keeps them in the OS keychain instead (safeStorage).
 */
export function fileTemporalConnectionSecrets(dataDir: string): TemporalConnectionSecrets {
  return {
    apiKey: privateFileSecret(path.join(dataDir, 'temporal-api-key.json')),
    clientKey: privateFileSecret(path.join(dataDir, 'temporal-client-key.json')),
  };
}
