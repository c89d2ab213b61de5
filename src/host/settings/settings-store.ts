import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../../shared/models';
import type { SaveSettingsRequest } from '../../shared/request-schemas';
import type { SecretStore } from './secret-store';

/** Settings as stored in `<dataDir>/settings.json` (the API key is not here: see SecretStore). */
export type StoredSettings = Omit<Settings, 'hasApiKey'>;

export const DEFAULT_SETTINGS: StoredSettings = {
  modelBaseUrl: '',
  modelName: 'demo',
  mode: 'interactive',
  timeoutMs: null,
  taskQueue: 'agent',
  approvalPolicy: 'tool-defined',
  temporalAddress: null,
};

const storedSchema = z.object({
  modelBaseUrl: z.string().catch(DEFAULT_SETTINGS.modelBaseUrl),
  modelName: z.string().min(1).catch(DEFAULT_SETTINGS.modelName),
  mode: z.enum(['interactive', 'autonomous']).catch(DEFAULT_SETTINGS.mode),
  timeoutMs: z.number().int().positive().nullable().catch(DEFAULT_SETTINGS.timeoutMs),
  taskQueue: z.string().min(1).catch(DEFAULT_SETTINGS.taskQueue),
  approvalPolicy: z.enum(['tool-defined', 'require-all', 'auto']).catch(DEFAULT_SETTINGS.approvalPolicy),
  temporalAddress: z.string().min(1).nullable().catch(DEFAULT_SETTINGS.temporalAddress),
});

export type SettingsKey = keyof StoredSettings | 'apiKey';

/** The app's settings: a JSON file in the data folder plus the API key in a SecretStore. */
export class SettingsStore {
  private constructor(
    private readonly file: string,
    private readonly secrets: SecretStore,
    private current: StoredSettings,
  ) {}

  /** Reads the file; a missing or damaged file gives the defaults (damaged values one by one). */
  static load(dataDir: string, secrets: SecretStore): SettingsStore {
    const file = path.join(dataDir, 'settings.json');
    let raw: unknown = {};
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      raw = {};
    }
    const parsed = storedSchema.safeParse({ ...DEFAULT_SETTINGS, ...(typeof raw === 'object' ? raw : {}) });
    return new SettingsStore(file, secrets, parsed.success ? parsed.data : DEFAULT_SETTINGS);
  }

  /** What the UI may see: never the API key, only whether there is one. */
  get(): Settings {
    return { ...this.current, hasApiKey: this.secrets.get() !== undefined };
  }

  stored(): StoredSettings {
    return this.current;
  }

  /** For the workers' environment only. */
  apiKey(): string | undefined {
    return this.secrets.get();
  }

  /** Applies the given fields; returns which ones changed. */
  save(update: SaveSettingsRequest): ReadonlySet<SettingsKey> {
    const changed = new Set<SettingsKey>();
    const { apiKey, ...fields } = update;
    const next: Record<string, unknown> = { ...this.current };
    for (const [key, value] of Object.entries(fields) as [keyof StoredSettings, unknown][]) {
      if (value === undefined || next[key] === value) continue;
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
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.current, null, 2)}\n`);
    renameSync(temporary, this.file);
    return changed;
  }
}
