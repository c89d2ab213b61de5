import {
  type AgentEvent,
  buildConversationExport,
  type ConversationExport,
  conversationMarkdown,
  type ExportedRun,
  messageOf,
  parseConversationExport,
} from 'durable-agent';
import { ApiError } from '../../shared/api-error';
import type { ExportFile, ExportFormat } from '../../shared/export-models';
import type { ConversationSummary } from '../../shared/models';
import type { AgentClients } from '../agent/agent-clients';
import type { HistoryStore } from '../history/history-store';
import { conversationTree } from './conversation-tree';
import { importConversation } from './import-conversation';
import { ImportedRuns, isImportedConversation } from './imported-runs';

/**
 * Export, import and replay of the app's conversations. A conversation's runs come from Temporal (their
 * event logs, attempts' workers, sub-agents); an imported one's from the file it was imported from.
 */
export class ConversationExporter {
  private readonly imported: ImportedRuns;

  constructor(
    private readonly store: HistoryStore,
    private readonly agents: AgentClients,
    dataDir: string,
  ) {
    this.imported = new ImportedRuns(dataDir);
  }

  async exportConversation(conversationId: string, format: ExportFormat): Promise<ExportFile> {
    const summary = this.summary(conversationId);
    const runs: ExportedRun[] = [];
    for (const run of this.store.runs.byConversation(conversationId)) {
      if (!run.finalized) continue;
      runs.push(await this.recordedRun(conversationId, run.id, run.workflowId));
    }
    const tree = conversationTree(this.store, conversationId);
    const document = {
      ...buildConversationExport(
        { id: conversationId, title: summary.title },
        this.store.runs.transcript(conversationId),
        runs,
      ),
      ...(tree ? { tree } : {}),
    };
    const base = fileNameOf(summary.title);
    return format === 'json'
      ? {
          fileName: `${base}.json`,
          mimeType: 'application/json',
          text: `${JSON.stringify(document, null, 2)}\n`,
        }
      : { fileName: `${base}.md`, mimeType: 'text/markdown', text: conversationMarkdown(document) };
  }

  /** Imports an export file as a new read-only conversation; a file that is not a whole export is refused. */
  importConversation(text: string): ConversationSummary {
    let document: ConversationExport;
    try {
      document = parseConversationExport(text);
    } catch (error) {
      throw new ApiError('invalid-request', messageOf(error));
    }
    return this.summary(importConversation(this.store, this.imported, document));
  }

  /** A finished run's recorded events, for replay. */
  async runEvents(runId: string): Promise<readonly AgentEvent[]> {
    const run = this.store.runs.get(runId);
    if (!run) throw new ApiError('not-found', `no run "${runId}"`);
    if (!run.finalized)
      throw new ApiError('invalid-request', 'the run has not finished yet: replay it once it has');
    return (await this.recordedRun(run.conversationId, run.id, run.workflowId)).events;
  }

  private async recordedRun(conversationId: string, runId: string, workflowId: string): Promise<ExportedRun> {
    if (isImportedConversation(conversationId)) {
      const run = this.imported.load(conversationId)[runId];
      if (!run) throw new ApiError('not-found', `the recorded events of run "${runId}" are missing`);
      return run;
    }
    return (await this.agents.current()).exportRun(workflowId);
  }

  private summary(conversationId: string): ConversationSummary {
    const found = this.store.conversations.summary(conversationId);
    if (!found) throw new ApiError('not-found', `no conversation "${conversationId}"`);
    return found;
  }
}

function fileNameOf(title: string): string {
  return (
    title
      .replace(/[^\p{L}\p{N}._ -]+/gu, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'conversation'
  );
}
