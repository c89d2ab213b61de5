import type { Migration } from './migration';

/**
 * Model profiles: endpoints besides the one of Settings (their keys live in a SecretStore, bound to
 * `key_origin`); a conversation's profile and fallback profile (NULL = the endpoint of Settings / none),
 * and its budget over all its runs (NULL = none).
 */
export const modelProfiles: Migration = {
  version: 8,
  name: 'model profiles and conversation budgets',
  sql: `
    CREATE TABLE model_profiles (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      base_url TEXT NOT NULL,
      default_model TEXT NOT NULL,
      key_origin TEXT,
      created_at TEXT NOT NULL
    );
    ALTER TABLE conversations ADD COLUMN model_profile_id TEXT;
    ALTER TABLE conversations ADD COLUMN fallback_profile_id TEXT;
    ALTER TABLE conversations ADD COLUMN budget_json TEXT;
  `,
};
