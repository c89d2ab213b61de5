import { AgentError } from './errors';
import { type RunAddress, WORKFLOW_ID_SEPARATOR } from './names';

/** Splits a run's workflow id `<agent>/<conversationId>/<runId>` into its parts; `undefined` when it is not one. */
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

const ID_PART = /^[A-Za-z0-9._:-]{1,200}$/;

function checkIdPart(what: string, value: string): void {
  if (!ID_PART.test(value)) {
    throw new AgentError(
      'invalid-input',
      `${what} "${value}" must be 1-200 letters, digits, ".", "_", ":" or "-"`,
    );
  }
}

export const checkConversationId = (conversationId: string) => checkIdPart('conversationId', conversationId);
export const checkRunId = (runId: string) => checkIdPart('runId', runId);
