import { ApiError } from '../../shared/api-error';
import { isImportedConversation, type SaveExportFile } from '../../shared/export-models';
import type { InvokeHandlers } from '../../shared/ipc-contract';
import type { HistoryStore } from '../history/history-store';
import type { ConversationExporter } from './conversation-exporter';

export type ExportChannel =
  | 'exportConversation'
  | 'saveConversationExport'
  | 'importConversation'
  | 'loadRunReplay';

/**
 * The export, import and replay channels over the other handlers (from `createHandlers`), whose
 * `sendMessage` and `regenerate` refuse to add to an imported (read-only) conversation.
 */
export function withExportHandlers(
  handlers: Omit<InvokeHandlers, ExportChannel>,
  exporter: ConversationExporter,
  store: HistoryStore,
  conversationsChanged: () => void,
  saveFile: SaveExportFile | undefined,
): InvokeHandlers {
  return {
    ...handlers,
    sendMessage: async (request) => {
      refuseImported(request.conversationId);
      return handlers.sendMessage(request);
    },
    regenerate: async (request) => {
      refuseImported(store.messages.get(request.messageId)?.conversationId);
      return handlers.regenerate(request);
    },
    exportConversation: ({ conversationId, format }) => exporter.exportConversation(conversationId, format),
    saveConversationExport: async ({ conversationId, format }) => {
      if (!saveFile)
        throw new ApiError('unavailable', 'saving to a file is for the desktop app: web mode downloads');
      return saveFile(await exporter.exportConversation(conversationId, format));
    },
    importConversation: async ({ text }) => {
      const summary = exporter.importConversation(text);
      conversationsChanged();
      return summary;
    },
    loadRunReplay: async ({ runId }) => ({ runId, events: await exporter.runEvents(runId) }),
  };
}

/** Imported conversations are read-only copies: sending into one is refused, saying so. */
function refuseImported(conversationId: string | undefined): void {
  if (conversationId !== undefined && isImportedConversation(conversationId)) {
    throw new ApiError(
      'conflict',
      'this conversation was imported and is read-only: start a new one to continue',
    );
  }
}
