/**
 * `durable-agent/run-view`: the one reducer of a run's events into its view. Browser-safe (no Node
 * built-ins): the desktop app's renderer folds events with it too.
 */

export {
  ATTACHMENT_LIMITS,
  type AttachmentKind,
  type AttachmentReference,
  attachmentKind,
  formatBytes,
  IMAGE_MEDIA_TYPES,
} from '../common/attachment-reference';
export {
  addSpend,
  BUDGET_APPROVAL_TOOL,
  type BudgetLimits,
  type BudgetSpend,
  formatAmount,
} from '../common/budget';
export { messageOf } from '../common/error-message';
export { CodedError } from '../common/errors';
export {
  breakDownUsage,
  describeModelCalls,
  type UsageBreakdown,
  withRunCounts,
} from '../common/run-usage';
export { type AnswerToolCall, answerOf, type RunAnswer, toolCallsOf } from './answer-of';
export { applyRunEvent, reduceRunEvents } from './apply-run-event';
export { describeCompaction } from './compaction-line';
export { type EndedAnswer, type EndedAnswerStatus, endedAnswerOf } from './ended-answer';
export { describeEnding } from './ending-line';
export { describeMilestone, describeSubAgentMilestone, type MilestoneWording } from './milestone-line';
export {
  planReplay,
  playReplay,
  type ReplayOptions,
  type ReplayPlayback,
  type ReplayStep,
} from './replay-plan';
export {
  answerText,
  EMPTY_RUN_VIEW,
  FINISHED_PHASES,
  isFinished,
  type RunMilestone,
  type RunMilestoneKind,
  type RunPhase,
  type RunView,
  type RunViewBudget,
  type RunViewBudgetReached,
  type RunViewMessage,
  type RunViewSteer,
  type RunViewSubAgent,
  type RunViewToolCall,
  type RunViewUsage,
  type RunViewWorkerWait,
} from './run-view';
export { settleRunView } from './settle-run-view';
