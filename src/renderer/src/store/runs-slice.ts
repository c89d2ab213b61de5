import type { ApprovalsChange } from '../../../shared/ipc-contract';
import type { ConversationDetail, PendingApproval, RunInfo, TimelineEntry } from '../../../shared/models';
import { api } from '../api';
import type { SliceCreator } from './app-state';

/** Runs (status, attempts, worker wait, usage), their timelines and pending approvals, by run id. */
export interface RunsSlice {
  readonly runs: Readonly<Record<string, RunInfo>>;
  readonly timelineByRun: Readonly<Record<string, readonly TimelineEntry[]>>;
  readonly approvalsByRun: Readonly<Record<string, readonly PendingApproval[]>>;
  /** Approvals being answered (tool call ids): their buttons are disabled meanwhile. */
  readonly answering: readonly string[];
  receiveRunDetails(detail: ConversationDetail): void;
  applyRun(run: RunInfo): void;
  appendTimeline(entry: TimelineEntry): void;
  applyApprovals(change: ApprovalsChange): void;
  answerApproval(approval: PendingApproval, approved: boolean): Promise<void>;
}

function groupByRun<Item extends { readonly runId: string }>(items: readonly Item[]): Record<string, Item[]> {
  const grouped: Record<string, Item[]> = {};
  for (const item of items) {
    grouped[item.runId] ??= [];
    grouped[item.runId]!.push(item);
  }
  return grouped;
}

export const createRunsSlice: SliceCreator<RunsSlice> = (set, get) => ({
  runs: {},
  timelineByRun: {},
  approvalsByRun: {},
  answering: [],

  receiveRunDetails(detail) {
    set((state) => {
      const runs = { ...state.runs };
      for (const run of detail.runs) runs[run.id] = run;
      const timelineByRun = { ...state.timelineByRun };
      const approvalsByRun = { ...state.approvalsByRun };
      const timeline = groupByRun(detail.timeline);
      const approvals = groupByRun(detail.pendingApprovals);
      for (const run of detail.runs) {
        timelineByRun[run.id] = timeline[run.id] ?? [];
        approvalsByRun[run.id] = approvals[run.id] ?? [];
      }
      return { runs, timelineByRun, approvalsByRun };
    });
  },

  applyRun(run) {
    set((state) => ({ runs: { ...state.runs, [run.id]: run } }));
  },

  appendTimeline(entry) {
    set((state) => {
      const current = state.timelineByRun[entry.runId] ?? [];
      if (current.some((each) => each.id === entry.id)) return {};
      const next = [...current, entry].sort((left, right) => left.id - right.id);
      return { timelineByRun: { ...state.timelineByRun, [entry.runId]: next } };
    });
  },

  applyApprovals(change) {
    set((state) => ({ approvalsByRun: { ...state.approvalsByRun, [change.runId]: change.approvals } }));
  },

  async answerApproval(approval, approved) {
    const { toolCallId, runId } = approval;
    set((state) => ({ answering: [...state.answering, toolCallId] }));
    try {
      await get().attempt(approved ? 'Approving' : 'Rejecting', () =>
        api().answerApproval({ runId, toolCallId, approved }),
      );
    } finally {
      set((state) => ({ answering: state.answering.filter((each) => each !== toolCallId) }));
    }
  },
});
