import { randomUUID } from 'node:crypto';
import { endpointModelName } from 'durable-agent';
import { ApiError } from '../../shared/api-error';
import type { ModelProfile, SaveModelProfileRequest } from '../../shared/model-profile-models';
import type { WorkerModelProfile } from '../../shared/worker-protocol';
import type { ModelProfileRow, ModelProfileTable } from '../history/model-profile-table';
import { keyOriginOf } from './api-key-origin';
import type { ModelAccess } from './model-connection';
import type { ModelEndpoint } from './model-endpoint';
import type { SecretStore } from './secret-store';

/**
 * The model profiles: rows in SQLite, their API keys in one SecretStore (a JSON map by profile id). A key
 * is bound to the origin of the base URL it was entered for: moving the base URL to another origin
 * removes it, and it is never handed out for another origin. `resolveBaseUrl` turns '' (the demo model)
 * into the demo model's address.
 */
export class ModelProfiles {
  constructor(
    private readonly table: ModelProfileTable,
    private readonly keys: SecretStore,
    private readonly endpoint: Pick<ModelEndpoint, 'resolve' | 'resolved'>,
  ) {}

  /** Starts the demo model if a profile uses it; before workers start, and after each change. */
  async prepare(): Promise<void> {
    await Promise.all(this.table.all().map((row) => this.endpoint.resolve(row.baseUrl)));
  }

  list(): ModelProfile[] {
    const keys = this.keyMap();
    return this.table.all().map((row) => toProfile(row, this.keyOf(row, keys) !== undefined));
  }

  /** Adds (no id) or changes a profile; returns the list. */
  save(request: SaveModelProfileRequest): ModelProfile[] {
    const existing = request.id === undefined ? undefined : this.row(request.id);
    const id = existing?.id ?? `profile-${randomUUID().slice(0, 8)}`;
    const origin = keyOriginOf(request.baseUrl);
    const keys = { ...this.keyMap() };
    if (request.apiKey === null || (request.apiKey === undefined && existing?.keyOrigin !== origin))
      delete keys[id];
    if (typeof request.apiKey === 'string') keys[id] = request.apiKey;
    const row: ModelProfileRow = {
      id,
      name: request.name,
      baseUrl: request.baseUrl,
      defaultModel: request.defaultModel,
      keyOrigin: keys[id] === undefined ? null : origin,
    };
    this.writeKeys(keys);
    this.table.put(row, new Date().toISOString());
    return this.list();
  }

  remove(id: string): ModelProfile[] {
    this.row(id);
    const { [id]: _removed, ...keys } = this.keyMap();
    this.writeKeys(keys);
    this.table.remove(id);
    return this.list();
  }

  /** Where a profile's models are, with its key (only for the origin it was entered for). */
  async access(id: string, modelName?: string): Promise<ModelAccess> {
    const row = this.row(id);
    return {
      baseUrl: await this.endpoint.resolve(row.baseUrl),
      apiKey: this.keyOf(row, this.keyMap()),
      modelName: modelName ?? row.defaultModel,
    };
  }

  /** The model a run names for `model` (default: the profile's) of profile `id`; undefined: no such profile. */
  runModel(id: string, model?: string): string | undefined {
    const row = this.table.get(id);
    return row && endpointModelName(id, model ?? row.defaultModel);
  }

  /** Every profile, keys included, for the workers' environment (after `prepare`). */
  forWorkers(): Record<string, WorkerModelProfile> {
    const keys = this.keyMap();
    const entries = this.table.all().map((row): [string, WorkerModelProfile] => {
      const apiKey = this.keyOf(row, keys);
      const baseUrl = this.endpoint.resolved(row.baseUrl);
      return [row.id, { baseUrl, model: row.defaultModel, ...(apiKey ? { apiKey } : {}) }];
    });
    return Object.fromEntries(entries);
  }

  private row(id: string): ModelProfileRow {
    const row = this.table.get(id);
    if (!row) throw new ApiError('not-found', `no model profile "${id}"`);
    return row;
  }

  private keyOf(row: ModelProfileRow, keys: Record<string, string>): string | undefined {
    return row.keyOrigin === keyOriginOf(row.baseUrl) ? keys[row.id] : undefined;
  }

  private keyMap(): Record<string, string> {
    try {
      const parsed = JSON.parse(this.keys.get() ?? '{}') as unknown;
      return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  private writeKeys(keys: Record<string, string>): void {
    this.keys.set(Object.keys(keys).length > 0 ? JSON.stringify(keys) : undefined);
  }
}

function toProfile(row: ModelProfileRow, hasApiKey: boolean): ModelProfile {
  return { id: row.id, name: row.name, baseUrl: row.baseUrl, defaultModel: row.defaultModel, hasApiKey };
}
