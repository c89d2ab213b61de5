import type { ConversationMessage } from '../common/types';
import {
  CONVERSATION_EXPORT_FORMAT,
  CONVERSATION_EXPORT_VERSION,
  type ConversationExport,
  type ExportedRun,
} from './export-document';

/** Puts a conversation's messages and its runs (oldest first) into an export document. */
export function buildConversationExport(
  conversation: { readonly id: string; readonly title: string },
  messages: readonly ConversationMessage[],
  runs: readonly ExportedRun[],
  exportedAt = new Date(),
): ConversationExport {
  return {
    format: CONVERSATION_EXPORT_FORMAT,
    version: CONVERSATION_EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    conversation: { id: conversation.id, title: conversation.title },
    messages: [...messages],
    runs: [...runs],
  };
}
