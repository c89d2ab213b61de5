import { z } from 'zod';
import type { RunEnding, RunEntry, RunJournal } from '../runs/run-journal';
import { withFileLock } from './file-lock';
import { readJsonFile, writeJsonFile } from './json-file';

const FileSchema = z.object({
  version: z.literal(1),
  conversations: z.record(z.string(), z.array(z.string())),
});

/**
 * The tools each conversation of the CLI always allows (the approval prompt's `a`), in one JSON file per
 * data directory (`allowed-tools.json`). A tool is added from the ending of the run in which a person chose
 * it — the fact travels in the run's result — before the run leaves the journal, so a kill -9 anywhere
 * loses nothing: a resumed run's ending adds it then.
 */
export class AllowedToolsFile {
  constructor(readonly file: string) {}

  allowed(conversationId: string): string[] {
    return this.read().conversations[conversationId] ?? [];
  }

  allow(conversationId: string, tools: readonly string[]): void {
    if (tools.length === 0) return;
    withFileLock(this.file, () => {
      const content = this.read();
      const known = content.conversations[conversationId] ?? [];
      const next = [...new Set([...known, ...tools])];
      if (next.length === known.length) return;
      content.conversations[conversationId] = next;
      writeJsonFile(this.file, content);
    });
  }

  /** `journal`, recording each ending's always-allowed tools before the journal hears of the ending. */
  recording(journal: RunJournal): RunJournal {
    return {
      record: (entry) => journal.record(entry),
      progress: (entry, view) => journal.progress(entry, view),
      finish: (entry: RunEntry, ending: RunEnding) => {
        this.allow(entry.conversationId, ending.result.alwaysAllowedTools ?? []);
        return journal.finish(entry, ending);
      },
    };
  }

  /** Missing or unreadable: no tool allowed yet. */
  private read(): z.infer<typeof FileSchema> {
    return readJsonFile(this.file, FileSchema, { version: 1, conversations: {} });
  }
}
