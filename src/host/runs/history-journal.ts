import { answerText, type RunEnding, type RunEntry, type RunJournal, type RunView } from 'durable-agent';
import type { ToolCallRecord } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import type { RunRecord } from '../history/run-table';
import type { HostEvents } from '../host-events';
import { finalizeRun } from './run-finalization';

/** The answer's tool calls as stored with its message. */
export function toolCallsOf(view: RunView): ToolCallRecord[] {
  return view.toolCalls.map(({ id, name, arguments: args, result }) => ({
    id,
    name,
    arguments: args,
    ...(result !== undefined ? { result } : {}),
  }));
}

/** The app's `RunJournal`: a run's Temporal, its view and partial answer, and its ending, in history.db. */
export class HistoryJournal implements RunJournal {
  constructor(
    private readonly store: HistoryStore,
    private readonly events: HostEvents,
    private readonly run: RunRecord,
  ) {}

  record(entry: RunEntry): void {
    this.store.runs.setTemporal(this.run.id, entry.temporal);
  }

  progress(_entry: RunEntry, view: RunView): void {
    const { store } = this;
    const at = new Date().toISOString();
    store.transaction(() => {
      store.runs.saveView(this.run.id, view);
      const calls = toolCallsOf(view);
      store.messages.updateStream(
        this.run.assistantMessageId,
        answerText(view),
        view.currentAttempt,
        at,
        calls,
      );
    });
  }

  finish(_entry: RunEntry, ending: RunEnding): void {
    finalizeRun(this.store, this.events, this.run, ending);
  }
}
