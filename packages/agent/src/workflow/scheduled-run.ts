import {
  ParentClosePolicy,
  proxyActivities,
  startChild,
  uuid4,
  WorkflowIdReusePolicy,
  workflowInfo,
} from '@temporalio/workflow';
import { SCHEDULED_RUN_ID_PREFIX, WORKFLOW_ID_SEPARATOR } from '../common/names';
import {
  type ScheduleActivities,
  type ScheduledRunInput,
  type ScheduledRunOutput,
  scheduledRunIdOf,
} from '../common/scheduled-runs';
import { agentRun } from './agent-run';

const { readConversation } = proxyActivities<ScheduleActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds' },
});

/**
 * One firing of a schedule: reads the conversation as it is now (earlier scheduled answers, turns added
 * since the schedule was made), then runs the prompt in it as an ordinary `agentRun` whose run id is the
 * firing time. It waits for the run, so a schedule's runs in one conversation never overlap (Temporal's
 * default overlap policy skips a firing while the previous one is running); the run outlives it.
 */
export async function scheduledRun(input: ScheduledRunInput): Promise<ScheduledRunOutput> {
  const { run } = input;
  const earlier = await readConversation({ agentName: run.agentName, conversationId: run.threadId });
  const runId = firingRunId(input.firingIdPrefix);
  const workflowId = [run.agentName, run.threadId, runId].join(WORKFLOW_ID_SEPARATOR);
  const child = await startChild(agentRun, {
    workflowId,
    args: [{ ...run, runId, messages: [...earlier, ...run.messages] }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    workflowExecutionTimeout: input.runTimeoutMs,
    ...(input.workflowTaskTimeoutMs === undefined
      ? {}
      : { workflowTaskTimeout: input.workflowTaskTimeoutMs }),
  });
  await child.result().catch(() => undefined); // how the run ended is the run's own record
  return { runWorkflowId: workflowId };
}

/** `scheduled-<firing time>-<its run id>` from the id Temporal gave this firing; a fresh id if it is not one of ours. */
function firingRunId(prefix: string): string {
  const { workflowId, runId } = workflowInfo();
  return scheduledRunIdOf({ workflowId, runId }, prefix) ?? `${SCHEDULED_RUN_ID_PREFIX}${uuid4()}`;
}
