import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../../shared/models';
import {
  approvalPolicySchema,
  priceTableSchema,
  runBudgetSchema,
  type SaveSettingsRequest,
} from '../../shared/request-schemas';
import { keyOriginOf } from './api-key-origin';
import { readJsonFile } from './read-json-file';
import type { SecretStore } from './secret-store';

/** Settings as stored in `<dataDir>/settings.json` (the API key is not here: see SecretStore). */
export type StoredSettings = Omit<Settings, 'hasApiKey'>;

export const DEFAULT_SETTINGS: StoredSettings = {
  modelBaseUrl: '',
  modelName: 'demo',
  systemPrompt: '',
  mode: 'interactive',
  timeoutMs: null,
  taskQueue: 'agent',
  approvalPolicy: 'tool-defined',
  budget: { maxTokens: null, maxCostUsd: null, maxToolCalls: null, onLimit: 'stop' },
  prices: {},
  temporalAddress: null,
};

const storedSchema = z.object({
  modelBaseUrl: z.string().catch(DEFAULT_SETTINGS.modelBaseUrl),
  modelName: z.string().min(1).catch(DEFAULT_SETTINGS.modelName),
  systemPrompt: z.string().catch(DEFAULT_SETTINGS.systemPrompt),
  mode: z.enum(['interactive', 'autonomous']).catch(DEFAULT_SETTINGS.mode),
  timeoutMs: z.number().int().positive().nullable().catch(DEFAULT_SETTINGS.timeoutMs),
  taskQueue: z.string().min(1).catch(DEFAULT_SETTINGS.taskQueue),
  approvalPolicy: approvalPolicySchema.catch(DEFAULT_SETTINGS.approvalPolicy),
  budget: runBudgetSchema.catch(DEFAULT_SETTINGS.budget),
  prices: priceTableSchema.catch(DEFAULT_SETTINGS.prices),
  temporalAddress: z.string().min(1).nullable().catch(DEFAULT_SETTINGS.temporalAddress),
});

export type SettingsKey = keyof StoredSettings | 'apiKey';

/** Told when the stored API key was removed because the base URL moved from origin `from` to `to`. */
export type KeyDropped = (from: string, to: string) => void;

/**
 * The app's settings: a JSON file in the data folder plus the API key in a SecretStore. The key is bound to
 * the origin of the base URL it was entered for (`apiKeyOrigin` in the file): a base URL of another origin
 * removes it, and it is never handed out for another origin.
 */
export class SettingsStore {
  private constructor(
    private readonly file: string,
    private readonly secrets: SecretStore,
    private current: StoredSettings,
    private apiKeyOrigin: string,
    private readonly onKeyDropped: KeyDropped,
  ) {}

  /**
   * Reads the file; a missing or damaged file gives the defaults (damaged values one by one). A key stored
   * before keys were bound is bound to the current base URL; one bound to another origin is removed.
   */
  static load(
    dataDir: string,
    secrets: SecretStore,
    onKeyDropped: KeyDropped = () => undefined,
  ): SettingsStore {
    const file = path.join(dataDir, 'settings.json');
    const raw = readJsonFile(file);
    const record = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const parsed = storedSchema.safeParse({ ...DEFAULT_SETTINGS, ...record });
    const current = parsed.success ? parsed.data : DEFAULT_SETTINGS;
    const origin =
      typeof record.apiKeyOrigin === 'string' ? record.apiKeyOrigin : keyOriginOf(current.modelBaseUrl);
    const store = new SettingsStore(file, secrets, current, origin, onKeyDropped);
    store.dropKeyOfOtherOrigin();
    return store;
  }

  /** What the UI may see: never the API key, only whether there is one. */
  get(): Settings {
    return { ...this.current, hasApiKey: this.secrets.get() !== undefined };
  }

  stored(): StoredSettings {
    return this.current;
  }

  /** For the workers' environment only; never a key entered for another origin than the base URL's. */
  apiKey(): string | undefined {
    return this.apiKeyOrigin === keyOriginOf(this.current.modelBaseUrl) ? this.secrets.get() : undefined;
  }

  /** Applies the given fields; returns which ones changed. */
  save(update: SaveSettingsRequest): ReadonlySet<SettingsKey> {
    const changed = new Set<SettingsKey>();
    const { apiKey, ...fields } = update;
    const next: Record<string, unknown> = { ...this.current };
    for (const [key, value] of Object.entries(fields) as [keyof StoredSettings, unknown][]) {
      if (value === undefined || JSON.stringify(next[key]) === JSON.stringify(value)) continue;
      next[key] = value;
      changed.add(key);
    }
    if (changed.has('modelBaseUrl') && update.modelName === undefined) {
      next.modelName = next.modelBaseUrl === '' ? 'demo' : next.modelName;
      changed.add('modelName');
    }
    if (apiKey !== undefined && (apiKey ?? undefined) !== this.secrets.get()) {
      this.secrets.set(apiKey ?? undefined);
      changed.add('apiKey');
    }
    if (changed.size === 0) return changed;
    this.current = next as StoredSettings;
    // A key given now is for the base URL given with it; any other key stays bound to where it was entered.
    if (apiKey !== undefined) this.apiKeyOrigin = keyOriginOf(this.current.modelBaseUrl);
    if (this.dropKeyOfOtherOrigin()) changed.add('apiKey');
    this.write();
    return changed;
  }

  /** Removes a stored key bound to another origin than the base URL's; true when one was removed. */
  private dropKeyOfOtherOrigin(): boolean {
    const origin = keyOriginOf(this.current.modelBaseUrl);
    const from = this.apiKeyOrigin;
    if (this.secrets.get() === undefined) {
      this.apiKeyOrigin = origin; // no key: nothing bound yet
      return false;
    }
    if (from === origin) return false;
    this.secrets.set(undefined);
    this.apiKeyOrigin = origin;
    this.onKeyDropped(from, origin);
    return true;
  }

  private write(): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    const content = { ...this.current, apiKeyOrigin: this.apiKeyOrigin };
    writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`);
    renameSync(temporary, this.file);
  }
}
