import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../common/send-json';
import type { DemoModelState } from './demo-model-state';
import { describeIssues, faultSchema, paceBodySchema } from './fault-schema';
import { invalidRequest, notFound, sendError } from './openai-error';
import { readJsonBody } from './read-json-body';

/** What `GET /__control/stats` answers. */
function stats(state: DemoModelState): object {
  return { requestCount: state.requestCount, tokensPerSecond: state.pace, pendingFaults: state.faults.size };
}

/**
 * The control endpoint other processes use to steer a running demo model:
 * `POST /__control/faults` (a DemoModelFault), `DELETE /__control/faults`,
 * `POST /__control/pace` ({ tokensPerSecond }), `GET /__control/stats`.
 */
export async function handleControl(
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
  state: DemoModelState,
): Promise<void> {
  const route = `${request.method} ${path}`;
  if (route === 'GET /__control/stats') return sendJson(response, 200, stats(state));
  if (route === 'DELETE /__control/faults') {
    state.faults.clear();
    return sendJson(response, 200, stats(state));
  }
  if (route !== 'POST /__control/faults' && route !== 'POST /__control/pace') {
    return sendError(response, notFound(request.method ?? 'GET', path));
  }
  const body = await readJsonBody(request);
  if (!('value' in body)) return sendError(response, body);
  if (route === 'POST /__control/faults') {
    const fault = faultSchema.safeParse(body.value);
    if (!fault.success)
      return sendError(response, invalidRequest(`Invalid fault: ${describeIssues(fault.error)}`));
    state.faults.add(fault.data);
  } else {
    const pace = paceBodySchema.safeParse(body.value);
    if (!pace.success)
      return sendError(response, invalidRequest(`Invalid pace: ${describeIssues(pace.error)}`));
    state.pace = pace.data.tokensPerSecond;
  }
  sendJson(response, 200, stats(state));
}
