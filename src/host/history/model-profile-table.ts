import type { Database } from 'better-sqlite3';

/** A stored profile; `keyOrigin`: the origin its API key was entered for (null: no key). */
export interface ModelProfileRow {
  readonly id: string;
  readonly name: string;
  readonly baseUrl: string;
  readonly defaultModel: string;
  readonly keyOrigin: string | null;
}

interface Row {
  id: string;
  name: string;
  base_url: string;
  default_model: string;
  key_origin: string | null;
}

const toProfile = (row: Row): ModelProfileRow => ({
  id: row.id,
  name: row.name,
  baseUrl: row.base_url,
  defaultModel: row.default_model,
  keyOrigin: row.key_origin,
});

/** The model profiles (endpoints besides the one of Settings), oldest first. */
export class ModelProfileTable {
  constructor(private readonly database: Database) {}

  all(): ModelProfileRow[] {
    const rows = this.database
      .prepare('SELECT * FROM model_profiles ORDER BY created_at, rowid')
      .all() as Row[];
    return rows.map(toProfile);
  }

  get(id: string): ModelProfileRow | undefined {
    const row = this.database.prepare('SELECT * FROM model_profiles WHERE id = ?').get(id) as Row | undefined;
    return row && toProfile(row);
  }

  /** Adds or replaces the profile of that id. */
  put(profile: ModelProfileRow, at: string): void {
    this.database
      .prepare(
        `INSERT INTO model_profiles (id, name, base_url, default_model, key_origin, created_at)
         VALUES (@id, @name, @baseUrl, @defaultModel, @keyOrigin, @at)
         ON CONFLICT (id) DO UPDATE SET name = @name, base_url = @baseUrl,
           default_model = @defaultModel, key_origin = @keyOrigin`,
      )
      .run({ ...profile, at });
  }

  /** Removes it; conversations on it (or falling back to it) go back to the endpoint of Settings. */
  remove(id: string): boolean {
    return this.database.transaction(() => {
      this.database
        .prepare('UPDATE conversations SET model_profile_id = NULL, model = NULL WHERE model_profile_id = ?')
        .run(id);
      this.database
        .prepare('UPDATE conversations SET fallback_profile_id = NULL WHERE fallback_profile_id = ?')
        .run(id);
      return this.database.prepare('DELETE FROM model_profiles WHERE id = ?').run(id).changes > 0;
    })();
  }
}
