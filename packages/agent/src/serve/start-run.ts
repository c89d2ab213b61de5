import type { Agent } from '../client/agent';
import type { AgentRun } from '../client/agent-run';
import { AgentError } from '../common/errors';
import { HttpError } from './http-error';
import type { RunRequest } from './run-request';
import type { ThreadRuns } from './thread-runs';

/**
 * The durable run a plain request (no `resume`) streams: started from its new input, or — when a run with
 * its `runId` exists — re-attached, never started twice.
 */
export async function startOrAttach(
  agent: Agent,
  threads: ThreadRuns,
  request: RunRequest,
): Promise<AgentRun> {
  const { threadId, runId, newInput } = request;
  const release = threads.claim(threadId, runId);
  try {
    const run = newInput
      ? await agent.stream(newInput.prompt, {
          conversationId: threadId,
          runId,
          ...(request.context === undefined ? {} : { context: request.context }),
          ...(request.clientTools.length > 0 ? { clientTools: request.clientTools } : {}),
          ...(newInput.toolResults.length > 0 ? { toolResults: newInput.toolResults } : {}),
        })
      : await attachExisting(agent, threadId, runId);
    void threads.track(threadId, run);
    return run;
  } catch (error) {
    release();
    throw asHttpError(error);
  }
}

async function attachExisting(agent: Agent, threadId: string, runId: string): Promise<AgentRun> {
  try {
    return await agent.attach(agent.workflowIdFor(threadId, runId));
  } catch (error) {
    if (error instanceof AgentError && error.code === 'run-not-found') {
      throw new HttpError(
        400,
        'no-user-message',
        'messages must end with the new user message (or the results of client-side tool calls): there is nothing to run',
      );
    }
    throw error;
  }
}

/** The library's refusals as HTTP answers: bad input 400, Temporal away 503; anything else stays as it is. */
export function asHttpError(error: unknown): unknown {
  if (!(error instanceof AgentError)) return error;
  if (error.code === 'invalid-input') return new HttpError(400, 'invalid-input', error.message);
  if (error.code === 'temporal-unreachable') return new HttpError(503, 'temporal-unreachable', error.message);
  return error;
}
