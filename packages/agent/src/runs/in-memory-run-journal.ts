import type { RunEnding, RunEntry, RunJournal } from './run-journal';
import type { RunView } from './run-view';

export interface JournaledRun {
  readonly entry: RunEntry;
  readonly view?: RunView;
  readonly ending?: RunEnding;
  /** How many times `finish` was called for this run (exactly once is the contract's aim). */
  readonly finishes: number;
}

/** A `RunJournal` in memory: for tests, and a model for your own (SQLite, a file, a database). */
export class InMemoryRunJournal implements RunJournal {
  private readonly runs = new Map<string, JournaledRun>();

  /** Records a run before it is submitted. */
  record(entry: RunEntry): void {
    if (!this.runs.has(entry.id)) this.runs.set(entry.id, { entry, finishes: 0 });
  }

  /** Saves the run's view as it changes. */
  progress(entry: RunEntry, view: RunView): void {
    const known = this.runs.get(entry.id) ?? { entry, finishes: 0 };
    if (!known.ending) this.runs.set(entry.id, { ...known, view });
  }

  finish(entry: RunEntry, ending: RunEnding): void {
    const known = this.runs.get(entry.id) ?? { entry, finishes: 0 };
    this.runs.set(entry.id, { ...known, view: ending.view, ending, finishes: known.finishes + 1 });
  }

  /** What the journal holds about a run: its entry, last view and ending. */
  get(id: string): JournaledRun | undefined {
    return this.runs.get(id);
  }

  /** Runs recorded and not finished: what a process follows again after a restart. */
  unfinished(): RunEntry[] {
    return [...this.runs.values()].filter((run) => !run.ending).map((run) => run.entry);
  }
}
