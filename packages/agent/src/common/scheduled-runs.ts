import { SCHEDULED_RUN_ID_PREFIX } from './names';
import type { AgentRunInput, ConversationMessage } from './types';

/** What a schedule's firing starts with: the run to make, its conversation read when it fires. */
export interface ScheduledRunInput {
  /** The run's input as at creation: its `messages` hold the prompt alone; its `runId` is replaced per firing. */
  readonly run: AgentRunInput;
  /** The schedule's workflow id: Temporal adds `-<firing time>` to it, which names the firing's run. */
  readonly firingIdPrefix: string;
  /** The run's own timeout (the firing's workflow waits for it a little longer). */
  readonly runTimeoutMs: number;
  readonly workflowTaskTimeoutMs?: number;
}

/** How a firing ended: the workflow id of the run it started. */
export interface ScheduledRunOutput {
  readonly runWorkflowId: string;
}

export interface ReadConversationInput {
  readonly agentName: string;
  readonly conversationId: string;
}

/** The activity a schedule's firing calls, as the workflow sees it. */
export interface ScheduleActivities {
  /** The conversation as it is now, from its runs on Temporal (oldest first; empty for a new one). */
  readConversation(input: ReadConversationInput): Promise<ConversationMessage[]>;
}

/** The workflow id a schedule starts each firing with (Temporal adds `-<firing time>`). */
export function firingIdPrefixOf(scheduleId: string): string {
  return `schedule:${scheduleId}`;
}

/**
 * The run id of a firing, `scheduled-<firing time>-<firing's Temporal run id>` (unique among all runs, as
 * run ids are, and in the order of firings), from the workflow id Temporal gave it (`<prefix>-<time>`);
 * undefined when the id is not one of the schedule's.
 */
export function scheduledRunIdOf(
  firing: { readonly workflowId: string; readonly runId: string },
  prefix: string,
): string | undefined {
  if (!firing.workflowId.startsWith(`${prefix}-`)) return undefined;
  const runId = `${SCHEDULED_RUN_ID_PREFIX}${firing.workflowId.slice(prefix.length + 1)}-${firing.runId}`;
  return /^[A-Za-z0-9._:-]{1,200}$/.test(runId) ? runId : undefined;
}
