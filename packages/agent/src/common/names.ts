/** Wire names shared by workflow, activities and client. Change them only with a migration plan. */

/** Workflow type of one agent run (one turn of a conversation). */
export const AGENT_RUN_WORKFLOW = 'agentRun';

/** Workflow type of one firing of a schedule: reads the conversation as it is, then starts its `agentRun`. */
export const SCHEDULED_RUN_WORKFLOW = 'scheduledRun';

/** The run id of a scheduled run starts with this, then the firing time and an id (`scheduled-2026-12-07T08:00:00Z-<uuid>`). */
export const SCHEDULED_RUN_ID_PREFIX = 'scheduled-';

/** The Workflow Streams topic that carries a run's AG-UI events. */
export const EVENTS_TOPIC = 'events';

/** The memo field in which a run records its own events in its history (see `RunEventLog`). */
export const EVENTS_MEMO = 'durable-agent.events';
/**
 * The `patched()` id of runs whose history grows with their own output only: they record their events in
 * history (readers follow the history instead of polling the workflow, the result no longer repeats the
 * log), and their model calls read the conversation from the run's input instead of getting a copy.
 */
export const LEAN_HISTORY_PATCH = 'lean-run-history';
/**
 * The format of the runs clients start now (`AgentRunInput.format`). Runs of format 2 have every feature
 * that runs before them marked with a `patched()` at their start — lean history, text by reference, the
 * tool list made by the first model call — without recording those patches: each was a marker and a
 * search-attribute upsert (Temporal's `TemporalChangeVersion`) in the run's first workflow task, ~30 ms of
 * it on Temporal with 50 runs starting together, and a visibility write. Runs of format 3 also have their
 * fresh model calls announced by the workflow (`workflow/live-reservation.ts`): no signal for a call's start.
 */
export const RUN_FORMAT = 3;

/** Default task queue of the CLI and the desktop app. */
export const DEFAULT_TASK_QUEUE = 'agent';

/**
 * The signal by which activities publish a batch into a run's event log: the Workflow Streams protocol's
 * (`@temporalio/workflow-streams`, "Cross-Language Protocol"); readers find the batches in history by it.
 */
export const WORKFLOW_STREAM_PUBLISH_SIGNAL = '__temporal_workflow_stream_publish';

/** Signal, update and query names (the `define*` constants live in workflow/definitions.ts). */
export const APPROVE_TOOL_CALL_SIGNAL = 'approveToolCall';
export const ANSWER_APPROVAL_UPDATE = 'answerApproval';
export const CANCEL_RUN_SIGNAL = 'cancelRun';
export const PENDING_APPROVALS_QUERY = 'pendingApprovals';
/** A message a person sends into a running run; its model reads it at its next round. */
export const STEER_RUN_UPDATE = 'steerRun';
/** A sub-agent's approval, surfaced to its parent run. */
export const SUB_AGENT_APPROVAL_SIGNAL = 'subAgentApproval';

/** `ApplicationFailure` types raised by activities and the workflow. */
export const FailureType = {
  modelAuthentication: 'ModelAuthenticationError',
  modelBadRequest: 'ModelBadRequestError',
  modelUnavailable: 'ModelUnavailableError',
  modelRateLimited: 'ModelRateLimitedError',
  /** The model's stream ended early or could not be read. */
  modelBadResponse: 'ModelBadResponseError',
  unknownModel: 'UnknownModelError',
  /** The endpoint has no such model (HTTP 404 `model_not_found`). */
  modelNotFound: 'ModelNotFoundError',
  /** The prompt is longer than the model's context (HTTP 400 `context_length_exceeded`): compact and call again. */
  modelContextLengthExceeded: 'ModelContextLengthExceededError',
  unknownTool: 'UnknownToolError',
  workerShutdown: 'WorkerShutdown',
  /** A supervisor saw the worker process of an attempt end (kill -9, crash) and failed the attempt at once. */
  workerLost: 'WorkerLost',
  /** An MCP server died during a call or cannot be reached yet: another attempt may find it back. */
  mcpServerUnavailable: 'McpServerUnavailable',
  runFailed: 'AgentRunFailed',
  /** The model's answer grew past what a run can keep (`MAX_ANSWER_CHARACTERS`). */
  answerTooLarge: 'AnswerTooLarge',
} as const;

/** Failures that no retry can fix. */
export const NON_RETRYABLE_FAILURES: readonly string[] = [
  FailureType.modelAuthentication,
  FailureType.modelBadRequest,
  FailureType.unknownModel,
  FailureType.modelNotFound,
  FailureType.modelContextLengthExceeded,
  FailureType.unknownTool,
];

/** The `patched()` id of runs that move to the next of `config.models` when a model call fails for good. */
export const MODEL_FALLBACK_PATCH = 'model-fallback';
/** The `patched()` id of runs that compact older turns of the model's input to fit its context window. */
export const COMPACTION_PATCH = 'compact-model-input';
/** The `patched()` id of runs that check their answer against `config.output` and ask again when it fails. */
export const STRUCTURED_OUTPUT_PATCH = 'structured-output';
/** The `patched()` id of runs whose wall-time budget ends a model call at the limit (a timer races it). */
export const WALL_TIME_MID_CALL_PATCH = 'budget-wall-time-mid-call';
/**
 * Runs whose long answers are held once, by their events: the model call returns a long text by reference
 * and the workflow's result and RUN_FINISHED leave it out (see `TextInEvents`).
 */
export const TEXT_BY_REFERENCE_PATCH = 'text-by-reference';
/**
 * The `patched()` id of runs whose model call is made again when its attempts ran out while some of them
 * never started (handed to a paused worker's open polls): those do not use up the call's attempts.
 */
export const UNSTARTED_ATTEMPTS_PATCH = 'unstarted-attempts-again';
/** The `patched()` id of runs that continue as new between model rounds once their history grows long. */
export const CONTINUE_AS_NEW_PATCH = 'continue-as-new-between-rounds';
/** The `patched()` id of runs that publish a `continued-as-new` event when they continue as new. */
export const CONTINUED_AS_NEW_EVENT_PATCH = 'continued-as-new-event';
/**
 * History events after which a run continues as new between two model rounds (unless its config says
 * fewer): below Temporal's warning at 10,240 events, with room for the longest round.
 */
export const CONTINUE_AS_NEW_HISTORY_EVENTS = 8_000;
/** History bytes after which a run continues as new between two model rounds: below Temporal's 10 MB warning. */
export const CONTINUE_AS_NEW_HISTORY_BYTES = 8 * 2 ** 20;

/** Separator of the parts of a run's workflow id: `<agent>/<conversationId>/<runId>`. */
export const WORKFLOW_ID_SEPARATOR = '/';

/** The parts of a run's workflow id `<agent>/<conversationId>/<runId>`. */
export interface RunAddress {
  readonly agentName: string;
  readonly conversationId: string;
  readonly runId: string;
}

/** `<agent>/<conversationId>/<runId>`: the workflow id of one run (`parseWorkflowId` splits it). */
export function toWorkflowId({ agentName, conversationId, runId }: RunAddress): string {
  return [agentName, conversationId, runId].join(WORKFLOW_ID_SEPARATOR);
}

/** `<parent's workflow id>/<agent>/<n>`: the child workflow of a run's n-th delegation to a sub-agent. */
export function subAgentWorkflowId(parentWorkflowId: string, agentName: string, delegation: number): string {
  return [parentWorkflowId, agentName, delegation].join(WORKFLOW_ID_SEPARATOR);
}

/** `<parent's runId>.<agent>.<n>`: the run id of a run's n-th delegation to a sub-agent. */
export function subAgentRunId(parentRunId: string, agentName: string, delegation: number): string {
  return `${parentRunId}.${agentName}.${delegation}`;
}

/** Sub-agents may delegate this many levels deep (a run a client started is level 0). */
export const MAX_DELEGATION_DEPTH = 3;

/** The `stepName` prefix of the AG-UI step events that frame a sub-agent's run in its parent's stream. */
export const SUB_AGENT_STEP_PREFIX = 'sub-agent:';
