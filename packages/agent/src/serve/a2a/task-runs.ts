import { TaskNotFoundError } from '@a2a-js/sdk/errors';
import type { Agent } from '../../client/agent';
import type { AgentRun } from '../../client/agent-run';
import { AgentError } from '../../common/errors';
import { parseWorkflowId } from '../../common/workflow-id';
import type { TaskIds } from './task-parts';

/**
 * The run a task id names. A task is a run and its id is the run's (`<agent>/<conversationId>/<runId>`),
 * so any serve process finds it in Temporal — after a restart too — with nothing stored beside it.
 */
export async function attachTask(agent: Agent, taskId: string): Promise<AgentRun> {
  let conversationId: string;
  let runId: string;
  try {
    ({ conversationId, runId } = parseWorkflowId(taskId));
    agent.workflowIdFor(conversationId, runId);
  } catch {
    throw new TaskNotFoundError(`no task "${taskId.slice(0, 200)}": not a task id of this agent`);
  }
  if (agent.workflowIdFor(conversationId, runId) !== taskId) {
    throw new TaskNotFoundError(`no task "${taskId.slice(0, 200)}": it belongs to another agent`);
  }
  try {
    return await agent.attach(taskId);
  } catch (error) {
    if (error instanceof AgentError && error.code === 'run-not-found') {
      throw new TaskNotFoundError(`no task "${taskId.slice(0, 200)}"`);
    }
    throw error;
  }
}

export function idsOf(run: AgentRun): TaskIds {
  return { taskId: run.id, contextId: run.conversationId };
}
