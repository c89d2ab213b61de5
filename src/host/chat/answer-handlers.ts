import type { InvokeHandlers } from '../../shared/ipc-contract';
import type { TemporalStatus } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { toRunInfo } from '../history/run-table';
import type { RunCoordinator } from '../runs/run-coordinator';
import { whileTemporalUp } from '../temporal/temporal-guard';
import { AnswerRequests } from './answer-requests';
import { conversationDetail } from './conversation-detail';

export type AnswerChannel =
  | 'sendMessage'
  | 'regenerate'
  | 'editMessage'
  | 'showMessageVersion'
  | 'stopRun'
  | 'answerApproval'
  | 'steerRun'
  | 'listOpenRuns';

/**
 * The answers and their runs: send, edit, regenerate (`AnswerRequests`), show another version, stop,
 * approve a tool call, steer, list the runs still open. What moves a run needs Temporal: while it is down
 * those answer `unavailable` at once.
 */
export function answerHandlers(context: {
  readonly store: HistoryStore;
  readonly runs: RunCoordinator;
  readonly conversationsChanged: () => void;
  readonly temporalStatus: () => TemporalStatus;
}): Pick<InvokeHandlers, AnswerChannel> {
  const { store, runs } = context;
  const answers = new AnswerRequests(store, runs, context.conversationsChanged);
  const needsTemporal = <Request, Result>(handler: (request: Request) => Promise<Result>) =>
    whileTemporalUp(context.temporalStatus, handler);
  return {
    sendMessage: needsTemporal((request) => answers.send(request)),
    regenerate: needsTemporal(({ messageId }) => answers.regenerate(messageId)),
    editMessage: needsTemporal(({ messageId, text }) => answers.edit(messageId, text)),
    showMessageVersion: async ({ messageId }) => {
      answers.showVersion(messageId);
      return conversationDetail(store, runs, store.messages.get(messageId)!.conversationId);
    },
    stopRun: needsTemporal(({ runId }) => runs.stop(runId)),
    answerApproval: needsTemporal(({ runId, toolCallId, approved, reason, alwaysAllow }) =>
      runs.answerApproval(runId, toolCallId, { approved, reason, alwaysAllow }),
    ),
    steerRun: needsTemporal(({ runId, text }) => runs.steer(runId, text)),
    listOpenRuns: async () => store.runs.unfinished().map((record) => runs.liveRun(toRunInfo(record))),
  };
}
