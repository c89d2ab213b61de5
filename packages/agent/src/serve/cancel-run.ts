import type { IncomingMessage } from 'node:http';
import type { Agent } from '../client/agent';
import { AgentError } from '../common/errors';
import { HttpError } from './http-error';
import { readJsonBody } from './request-body';
import { asHttpError } from './start-run';
import type { ThreadRuns } from './thread-runs';

/**
 * `POST <path>/runs/<runId>/cancel`: stops the run (its partial text kept, ended as cancelled). The thread
 * is known for runs this process served; for others name it (`?threadId=` or `{ "threadId": … }`).
 * Without a token (`authorized` false) the request must carry a JSON body (`{}` will do): a page on
 * another site can send a bodyless or text POST without asking, but not a JSON one.
 */
export async function cancelRun(
  agent: Agent,
  threads: ThreadRuns,
  request: IncomingMessage,
  runId: string,
  authorized: boolean,
): Promise<{ runId: string; threadId: string; status: 'cancelling' }> {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('threadId');
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'];
  const body = hasBody || !authorized ? await readJsonBody(request, 10_000) : {};
  const named = (body as { threadId?: unknown } | null)?.threadId;
  const threadId = threads.threadOf(runId) ?? query ?? (typeof named === 'string' ? named : undefined);
  if (threadId === undefined) {
    throw new HttpError(
      404,
      'run-not-found',
      `no run "${runId}" was served here: name its thread (?threadId=…)`,
    );
  }
  try {
    const run = await agent.attach(agent.workflowIdFor(threadId, runId));
    await run.cancel();
  } catch (error) {
    if (error instanceof AgentError && (error.code === 'run-not-found' || error.code === 'invalid-input')) {
      throw new HttpError(404, 'run-not-found', `no run "${runId}" in thread "${threadId}"`);
    }
    throw asHttpError(error);
  }
  return { runId, threadId, status: 'cancelling' };
}
