import { initialSchema } from './001-initial-schema';
import { messageToolCalls } from './002-message-tool-calls';
import { runViews } from './003-run-views';
import { messageTree } from './004-message-tree';
import { allowedTools } from './005-allowed-tools';
import { conversationSettings } from './006-conversation-settings';
import { messageAttachments } from './007-message-attachments';
import { modelProfiles } from './008-model-profiles';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration, in order. Add a file `NNN-<what>.ts` and list it here; never edit a shipped one. */
export const migrations: readonly Migration[] = [
  initialSchema,
  messageToolCalls,
  runViews,
  messageTree,
  allowedTools,
  conversationSettings,
  messageAttachments,
  modelProfiles,
];
