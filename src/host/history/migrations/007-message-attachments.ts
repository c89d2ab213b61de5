import type { Migration } from './migration';

/**
 * The files attached to a user message, as JSON references (`[{ id, name, mediaType, size }]`); their
 * content lives in `<data folder>/attachments`, content-addressed.
 */
export const messageAttachments: Migration = {
  version: 7,
  name: 'message attachments',
  sql: `
    ALTER TABLE messages ADD COLUMN attachments_json TEXT;
  `,
};
