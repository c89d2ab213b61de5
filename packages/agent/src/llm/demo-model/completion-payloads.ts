import { createHash } from 'node:crypto';
import type { ChatMessage, ChatRequest } from './chat-request';
import { countTokens } from './count-tokens';
import type { ScriptedReply } from './scripted-reply';

/** Per-message token overhead added to prompt_tokens, like the chat format's role markers. */
const messageOverhead = 3;

export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** What every payload of one completion shares; ids derive from the request so reruns repeat them. */
export interface CompletionIdentity {
  readonly id: string;
  readonly toolCallId: string;
  readonly created: number;
  readonly model: string;
}

function messageTokens(message: ChatMessage): number {
  const calls = message.toolCalls.map(
    (call) => countTokens(call.function.name) + countTokens(call.function.arguments),
  );
  return messageOverhead + countTokens(message.content) + calls.reduce((sum, tokens) => sum + tokens, 0);
}

export function usageOf(request: ChatRequest, reply: ScriptedReply): Usage {
  const promptTokens = request.messages.reduce((sum, message) => sum + messageTokens(message), 0);
  const completionTokens =
    reply.kind === 'text' ? countTokens(reply.text) : countTokens(reply.name) + countTokens(reply.arguments);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

export function completionIdentity(request: ChatRequest, model: string): CompletionIdentity {
  const hash = createHash('sha256').update(JSON.stringify(request.messages)).digest('hex');
  return {
    id: `chatcmpl-${hash.slice(0, 24)}`,
    toolCallId: `call_${hash.slice(24, 48)}`,
    created: Math.floor(Date.now() / 1000),
    model,
  };
}

export type FinishReason = 'stop' | 'tool_calls';

export function finishReasonOf(reply: ScriptedReply): FinishReason {
  return reply.kind === 'text' ? 'stop' : 'tool_calls';
}

/** One `chat.completion.chunk` with a single choice. */
export function chunk(
  identity: CompletionIdentity,
  delta: object,
  finishReason: FinishReason | null = null,
): object {
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

/** The last chunk when `stream_options.include_usage` is set: no choices, only usage. */
export function usageChunk(identity: CompletionIdentity, usage: Usage): object {
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    choices: [],
    usage,
  };
}

/** The tool-call delta that opens a streamed call: id, type and name, no arguments yet. */
export function toolCallStart(identity: CompletionIdentity, name: string): object {
  return {
    tool_calls: [{ index: 0, id: identity.toolCallId, type: 'function', function: { name, arguments: '' } }],
  };
}

export function toolCallArguments(fragment: string): object {
  return { tool_calls: [{ index: 0, function: { arguments: fragment } }] };
}

/** A whole non-streamed `chat.completion`. */
export function completion(identity: CompletionIdentity, reply: ScriptedReply, usage: Usage): object {
  const message =
    reply.kind === 'text'
      ? { role: 'assistant', content: reply.text, refusal: null }
      : {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            {
              id: identity.toolCallId,
              type: 'function',
              function: { name: reply.name, arguments: reply.arguments },
            },
          ],
        };
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(reply) }],
    usage,
  };
}
