import type { IncomingMessage, ServerResponse } from 'node:http';
import { lastUserText, parseChatRequest } from './chat-request';
import { completionIdentity, usageOf } from './completion-payloads';
import type { DemoModelState } from './demo-model-state';
import {
  contextLengthExceeded,
  injectedError,
  invalidRequest,
  modelNotFound,
  sendError,
} from './openai-error';
import { readJsonBody } from './read-json-body';
import { decideReply } from './reply-script';
import { sendCompletion } from './send-completion';
import { streamCompletion } from './stream-completion';

/** `POST /v1/chat/completions`: validate, play an injected fault if one matches, then answer by the script. */
export async function handleChatCompletions(
  httpRequest: IncomingMessage,
  response: ServerResponse,
  state: DemoModelState,
  signal: AbortSignal,
): Promise<void> {
  state.requestCount += 1;
  const body = await readJsonBody(httpRequest);
  if (!('value' in body)) return sendError(response, body);
  const request = parseChatRequest(body.value);
  if ('problem' in request) return sendError(response, invalidRequest(request.problem, request.param));
  if (request.model !== undefined && !state.models.includes(request.model))
    return sendError(response, modelNotFound(request.model));

  const fault = state.faults.take(lastUserText(request.messages));
  if (fault?.kind === 'status') return sendError(response, injectedError(fault.status, fault.retryAfter));

  const reply = decideReply(request);
  const usage = usageOf(request, reply);
  if (state.contextWindow !== undefined && usage.prompt_tokens > state.contextWindow) {
    return sendError(response, contextLengthExceeded(state.contextWindow, usage.prompt_tokens));
  }
  const job = {
    request,
    reply,
    identity: completionIdentity(request, request.model ?? state.models[0] ?? 'demo'),
    usage,
    fault,
    state,
    signal,
  };
  return request.stream ? streamCompletion(job, response) : sendCompletion(job, response);
}
