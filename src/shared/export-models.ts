/** Export, import and replay of conversations, as the renderer and the host exchange them. */

import type { AgentEvent } from 'durable-agent';
import { z } from 'zod';

export type ExportFormat = 'md' | 'json';

/** An export, ready to save: the renderer downloads it (web) or Electron asks where to save it. */
export interface ExportFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly text: string;
}

/** Imported conversations are read-only copies: their ids say so (one rule for host and renderer). */
export const IMPORTED_CONVERSATION_PREFIX = 'imported-';

export function isImportedConversation(conversationId: string): boolean {
  return conversationId.startsWith(IMPORTED_CONVERSATION_PREFIX);
}

const identifier = z.string().trim().min(1).max(200);

export const exportConversationSchema = z
  .object({ conversationId: identifier, format: z.enum(['md', 'json']) })
  .strict();

/** The text of an export file (web mode's frames are at most 1 MiB). */
export const importConversationSchema = z
  .object({ text: z.string().min(1, 'the file is empty').max(50_000_000) })
  .strict();

/** Where the desktop app saved an export (`saved: false` when the save dialog was cancelled). */
export interface SavedExport {
  readonly saved: boolean;
  readonly path?: string;
}

/** Asks where to save (the desktop app's save dialog) and writes the file there. */
export type SaveExportFile = (file: ExportFile) => Promise<SavedExport>;

export const runReplaySchema = z.object({ runId: identifier }).strict();

/** A finished run's recorded events, to play back in the app. */
export interface RunReplay {
  readonly runId: string;
  readonly events: readonly AgentEvent[];
}
