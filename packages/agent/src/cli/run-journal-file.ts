import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { messageOf } from '../common/error-message';
import { namingFile } from '../common/file-error';
import type { RunEnding, RunEntry, RunJournal } from '../runs/run-journal';
import type { RunView } from '../runs/run-view';
import { withFileLock } from './file-lock';

/** A run the CLI submitted whose ending is not known yet, with what was last seen of it. */
export interface UnfinishedRun {
  readonly entry: RunEntry;
  readonly recordedAt: string;
  readonly view?: RunView;
}

const EntrySchema = z.object({
  id: z.string().min(1),
  runId: z.string().min(1),
  conversationId: z.string().min(1),
  temporal: z.object({ address: z.string(), namespace: z.string(), clusterId: z.string().optional() }),
  prompt: z.string(),
});

/** A view is the library's; the file only checks it is one before handing it back. */
const ViewSchema = z.custom<RunView>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RunView).lastSeq === 'number' &&
    Array.isArray((value as RunView).messages) &&
    Array.isArray((value as RunView).milestones),
  'not a run view',
);

const FileSchema = z.object({
  version: z.literal(1),
  runs: z.array(z.object({ entry: EntrySchema, recordedAt: z.string(), view: ViewSchema.optional() })),
});

type JournalFileContent = { version: 1; runs: UnfinishedRun[] };

/**
 * The CLI's `RunJournal`: one JSON file per data directory (`cli-runs.json`) holding the runs submitted
 * and not finished, each with its last view. A REPL killed mid-run leaves its run here; `--conversation
 * <id>` follows it again from that view, and the conversation store gets its answer once. Every change
 * re-reads the file and replaces it atomically (write a temporary file, then rename) under a lock, so
 * several agent processes can share a data directory. It replaced the `cli_pending_runs` table of
 * conversations.db, which older data directories may still have: nothing reads it any more.
 */
export class RunJournalFile implements RunJournal {
  private progressFailed = false;

  /**
   * Reads the file at once, so a damaged one is reported at start-up: it is moved aside (`onWarning`
   * says where) and a new one begins; the runs it listed are still on Temporal.
   */
  constructor(
    readonly file: string,
    private readonly onWarning: (message: string) => void = () => undefined,
  ) {
    withFileLock(file, () => this.read());
  }

  record(entry: RunEntry): void {
    this.change((runs) =>
      runs.some((run) => run.entry.id === entry.id)
        ? runs
        : [...runs, { entry, recordedAt: new Date().toISOString() }],
    );
  }

  /**
   * Saves the view of a run recorded here (a run finished meanwhile, here or elsewhere, stays finished).
   * Best effort: a failed save is reported once and does not stop the following (the run is recorded).
   */
  progress(entry: RunEntry, view: RunView): void {
    try {
      this.change((runs) => runs.map((run) => (run.entry.id === entry.id ? { ...run, view } : run)));
      this.progressFailed = false;
    } catch (error) {
      if (!this.progressFailed) {
        this.onWarning(`could not save the run's progress in ${this.file}: ${messageOf(error)}`);
      }
      this.progressFailed = true;
    }
  }

  /** The run has its ending (its answer is in the conversation store): it leaves the file. */
  finish(entry: RunEntry, _ending: RunEnding): void {
    this.change((runs) => runs.filter((run) => run.entry.id !== entry.id));
  }

  /** The unfinished runs of a conversation, oldest first. */
  unfinished(conversationId: string): UnfinishedRun[] {
    return withFileLock(this.file, () => this.read())
      .runs.filter((run) => run.entry.conversationId === conversationId)
      .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  }

  private change(update: (runs: readonly UnfinishedRun[]) => readonly UnfinishedRun[]): void {
    withFileLock(this.file, () => {
      const content = this.read();
      const runs = update(content.runs);
      if (runs !== content.runs) this.write({ version: 1, runs: [...runs] });
    });
  }

  private read(): JournalFileContent {
    if (!existsSync(this.file)) return { version: 1, runs: [] };
    const text = namingFile(this.file, 'cannot read', () => readFileSync(this.file, 'utf8'));
    let problem: string;
    try {
      const parsed = FileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data as JournalFileContent;
      problem = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`)
        .join('; ');
    } catch (error) {
      problem = messageOf(error);
    }
    const aside = `${this.file}.damaged-${new Date().toISOString().replaceAll(':', '-')}`;
    renameSync(this.file, aside);
    this.onWarning(
      `${this.file} could not be read (${problem}); moved it to ${aside} and started a new one. Runs it listed are not resumed.`,
    );
    return { version: 1, runs: [] };
  }

  /** Replaces the file atomically: a crash leaves the old content or the new, never half of one. */
  private write(content: JournalFileContent): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    namingFile(this.file, 'cannot save', () => {
      const descriptor = openSync(temporary, 'w');
      try {
        writeSync(descriptor, `${JSON.stringify(content)}\n`);
        fsyncSync(descriptor);
      } finally {
        closeSync(descriptor);
      }
      renameSync(temporary, this.file);
    });
  }
}
