import type { Migration } from './migration';

/** The tool calls an answer used, as JSON (`ToolCallRecord[]`); null when it used none. */
export const messageToolCalls: Migration = {
  version: 2,
  name: 'message tool calls',
  sql: 'ALTER TABLE messages ADD COLUMN tool_calls TEXT;',
};
