import { AgentError } from '../common/errors';
import { WORKFLOW_ID_SEPARATOR } from '../common/names';

export interface RunAddress {
  readonly agentName: string;
  readonly conversationId: string;
  readonly runId: string;
}

/** `<agent>/<conversationId>/<runId>`: the workflow id of one run. */
export function toWorkflowId({ agentName, conversationId, runId }: RunAddress): string {
  return [agentName, conversationId, runId].join(WORKFLOW_ID_SEPARATOR);
}

export function parseWorkflowId(workflowId: string): RunAddress {
  const parts = workflowId.split(WORKFLOW_ID_SEPARATOR);
  const [agentName, conversationId, runId] = parts;
  if (parts.length !== 3 || !agentName || !conversationId || !runId) {
    throw new AgentError(
      'invalid-input',
      `"${workflowId}" is not a run id (expected <agent>/<conversationId>/<runId>)`,
    );
  }
  return { agentName, conversationId, runId };
}

const CONVERSATION_ID = /^[A-Za-z0-9._:-]{1,200}$/;

export function checkConversationId(conversationId: string): void {
  if (!CONVERSATION_ID.test(conversationId)) {
    throw new AgentError(
      'invalid-input',
      `conversationId "${conversationId}" must be 1-200 letters, digits, ".", "_", ":" or "-"`,
    );
  }
}
