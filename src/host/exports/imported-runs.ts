import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExportedRun } from 'durable-agent';

export { IMPORTED_CONVERSATION_PREFIX, isImportedConversation } from '../../shared/export-models';

/**
 * The recorded runs of imported conversations (event logs, workers, sub-agents), one JSON file per
 * conversation under `<dataDir>/imports/`, keyed by the run ids the history gave them: what replay and
 * a new export read, since these runs have no workflow on any Temporal.
 */
export class ImportedRuns {
  private readonly folder: string;

  constructor(dataDir: string) {
    this.folder = path.join(dataDir, 'imports');
  }

  save(conversationId: string, runs: Readonly<Record<string, ExportedRun>>): void {
    mkdirSync(this.folder, { recursive: true });
    const file = this.file(conversationId);
    writeFileSync(`${file}.tmp`, JSON.stringify(runs));
    renameSync(`${file}.tmp`, file);
  }

  /** The conversation's recorded runs by run id; empty when it was not imported. */
  load(conversationId: string): Record<string, ExportedRun> {
    const file = this.file(conversationId);
    if (!existsSync(file)) return {};
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, ExportedRun>;
  }

  private file(conversationId: string): string {
    return path.join(this.folder, `${conversationId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  }
}
