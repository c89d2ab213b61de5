import type { Migration } from './migration';

/**
 * A run's progress is its view (the library's reducer output, JSON) and the Temporal it was submitted to
 * (JSON `TemporalIdentity`: "not found" is final only there). The per-field progress columns go.
 */
export const runViews: Migration = {
  version: 3,
  name: 'run views',
  sql: `
    ALTER TABLE runs ADD COLUMN view_json TEXT;
    ALTER TABLE runs ADD COLUMN temporal_json TEXT;
    ALTER TABLE runs DROP COLUMN attempts;
    ALTER TABLE runs DROP COLUMN current_attempt;
    ALTER TABLE runs DROP COLUMN stream_message_id;
    ALTER TABLE runs DROP COLUMN worker_wait_json;
    ALTER TABLE runs DROP COLUMN retry_reason;
  `,
};
