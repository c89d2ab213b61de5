import type { Migration } from './migration';

/**
 * A conversation's own settings: its system prompt and model (NULL = the defaults of Settings). They go
 * into each run's configuration snapshot when it is submitted.
 */
export const conversationSettings: Migration = {
  version: 6,
  name: 'conversation settings',
  sql: `
    ALTER TABLE conversations ADD COLUMN system_prompt TEXT;
    ALTER TABLE conversations ADD COLUMN model TEXT;
  `,
};
