import type { Migration } from './migration';

/**
 * A conversation is a tree: each message has the message it answers or follows (`parent_id`, null for a
 * first prompt), so an edited prompt or a regenerated answer is a sibling version. The conversation shows
 * the branch that ends at `leaf_message_id`. Existing conversations become one branch in position order.
 */
export const messageTree: Migration = {
  version: 4,
  name: 'message tree',
  sql: `
    ALTER TABLE messages ADD COLUMN parent_id TEXT;
    ALTER TABLE conversations ADD COLUMN leaf_message_id TEXT;
    UPDATE messages SET parent_id = (
      SELECT p.id FROM messages p
      WHERE p.conversation_id = messages.conversation_id AND p.position < messages.position
      ORDER BY p.position DESC LIMIT 1);
    UPDATE conversations SET leaf_message_id = (
      SELECT m.id FROM messages m WHERE m.conversation_id = conversations.id ORDER BY m.position DESC LIMIT 1);
    CREATE INDEX messages_by_parent ON messages (conversation_id, parent_id, position);
  `,
};
