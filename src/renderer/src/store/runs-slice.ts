import { answerOf, reduceRunEvents } from 'durable-agent/run-view';
import type {
  ConversationDetail,
  PendingApproval,
  RunEventBatch,
  RunInfo,
  TimelineEntry,
} from '../../../shared/models';
import { api } from '../api';
import type { SliceCreator } from './app-state';
import { upsertMessage } from './message-list-update';
import { isRunActive } from './selectors';

/** Runs (each with its view, folded from its events by the library's reducer), their timelines, by run id. */
export interface RunsSlice {
  readonly runs: Readonly<Record<string, RunInfo>>;
  readonly timelineByRun: Readonly<Record<string, readonly TimelineEntry[]>>;
  /** Approvals being answered (tool call ids): their buttons are disabled meanwhile. */
  readonly answering: readonly string[];
  receiveRunDetails(detail: ConversationDetail): void;
  applyRun(run: RunInfo): void;
  /** New events of a run (deltas): folded into its view; its streaming answer shows the view's text. */
  applyRunEvents(batch: RunEventBatch): void;
  appendTimeline(entry: TimelineEntry): void;
  /** `alwaysAllow`: "Always allow <tool> in this conversation". */
  answerApproval(approval: PendingApproval, approved: boolean, alwaysAllow?: boolean): Promise<void>;
  /** The run inbox's runs (every unfinished run, from the host's durable record). */
  loadOpenRuns(): Promise<void>;
}

export const createRunsSlice: SliceCreator<RunsSlice> = (set, get) => {
  /** The run's streaming answer, as its view has it now (a finished answer is the host's to store). */
  const showAnswer = (run: RunInfo) =>
    set((state) => {
      const messages = state.messagesByConversation[run.conversationId];
      const message = messages?.find((each) => each.id === run.assistantMessageId);
      if (!messages || message?.status !== 'streaming') return {};
      const shown = { ...message, ...answerOf(run.view) };
      return {
        messagesByConversation: {
          ...state.messagesByConversation,
          [run.conversationId]: upsertMessage(messages, shown),
        },
      };
    });

  return {
    runs: {},
    timelineByRun: {},
    answering: [],

    receiveRunDetails(detail) {
      set((state) => {
        const runs = { ...state.runs };
        for (const run of detail.runs) runs[run.id] = run;
        const timelineByRun = { ...state.timelineByRun };
        for (const run of detail.runs) timelineByRun[run.id] = [];
        for (const entry of detail.timeline)
          timelineByRun[entry.runId] = [...timelineByRun[entry.runId]!, entry];
        return { runs, timelineByRun };
      });
    },

    applyRun(run) {
      set((state) => ({ runs: { ...state.runs, [run.id]: run } }));
      showAnswer(run);
    },

    applyRunEvents({ runId, events }) {
      const known = get().runs[runId];
      if (!known) return; // its runUpdated (with the view so far) comes first; a later load brings the rest
      const run = { ...known, view: reduceRunEvents(events, known.view) };
      set((state) => ({ runs: { ...state.runs, [runId]: run } }));
      showAnswer(run);
    },

    appendTimeline(entry) {
      set((state) => {
        const current = state.timelineByRun[entry.runId] ?? [];
        if (current.some((each) => each.id === entry.id)) return {};
        const next = [...current, entry].sort((left, right) => left.id - right.id);
        return { timelineByRun: { ...state.timelineByRun, [entry.runId]: next } };
      });
    },

    async loadOpenRuns() {
      await get().attempt('Loading the run inbox', async () => {
        const open = await api().listOpenRuns();
        const listed = new Set(open.map((run) => run.id));
        set((state) => {
          // A run shown as going that the host no longer lists ended while events could not arrive.
          const kept = Object.values(state.runs).filter((run) => listed.has(run.id) || !isRunActive(run));
          return { runs: Object.fromEntries([...kept, ...open].map((run) => [run.id, run])) };
        });
      });
    },

    async answerApproval(approval, approved, alwaysAllow) {
      const { toolCallId, runId } = approval;
      set((state) => ({ answering: [...state.answering, toolCallId] }));
      try {
        await get().attempt(approved ? 'Approving' : 'Rejecting', () =>
          api().answerApproval({ runId, toolCallId, approved, ...(alwaysAllow ? { alwaysAllow } : {}) }),
        );
      } finally {
        set((state) => ({ answering: state.answering.filter((each) => each !== toolCallId) }));
      }
    },
  };
};
