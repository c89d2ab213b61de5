import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { AgentError } from '../common/errors';
import { attachmentParts } from './attachment-parts';
import { classifyOpenAIError } from './classify-openai-error';
import {
  type ModelChunk,
  ModelError,
  type ModelMessage,
  type ModelProvider,
  type ModelRequest,
} from './model-provider';

/** Where an OpenAI-compatible endpoint is (OpenAI, Ollama, LM Studio, vLLM, the demo model) and which model to ask. */
export interface OpenAICompatibleOptions {
  /** e.g. `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama). */
  readonly baseURL: string;
  readonly apiKey?: string;
  readonly model: string;
  /** Extra request headers (some gateways need them). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Runs may ask for any other model of this endpoint by name (`model`, `models: [primary, ...fallbacks]`);
   * the endpoint itself says whether it has it (HTTP 404 `model_not_found`). Default: only `model`.
   */
  readonly anyModel?: boolean;
}

/** A model behind any OpenAI-compatible `/chat/completions` endpoint: OpenAI, Ollama, LM Studio, vLLM, … */
export function openAICompatible(options: OpenAICompatibleOptions): ModelProvider {
  if (!options.baseURL) throw new AgentError('invalid-options', 'openAICompatible: baseURL is required');
  if (!options.model) throw new AgentError('invalid-options', 'openAICompatible: model is required');
  // Retries belong to Temporal (visible, durable); the client must not hide them.
  const client = new OpenAI({
    baseURL: options.baseURL,
    apiKey: options.apiKey || 'not-needed',
    maxRetries: 0,
    defaultHeaders: options.headers,
    // Every failure reaches the caller as a ModelError; the client's own console lines would only repeat it.
    logLevel: 'off',
  });
  const classify = (error: unknown) => classifyOpenAIError(error, options.baseURL);
  const provider = (model: string): ModelProvider => ({
    name: model,
    stream: (request) => streamChat(client, model, request, classify),
    ...(options.anyModel ? { withModel: provider } : {}),
  });
  return provider(options.model);
}

async function* streamChat(
  client: OpenAI,
  model: string,
  request: ModelRequest,
  classify: (error: unknown) => Error,
): AsyncIterable<ModelChunk> {
  let stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;
  /** Whether the model said it was done; `[DONE]` itself is hidden by the openai client. */
  let finished = false;
  try {
    stream = await client.chat.completions.create(
      {
        model,
        messages: toOpenAIMessages(request.instructions, request.messages),
        tools: request.tools.length > 0 ? request.tools.map(toOpenAITool) : undefined,
        ...(request.responseFormat
          ? {
              response_format: {
                type: 'json_schema' as const,
                json_schema: { name: request.responseFormat.name, schema: request.responseFormat.schema },
              },
            }
          : {}),
        stream: true,
        stream_options: { include_usage: true },
      },
      { signal: request.signal },
    );
  } catch (error) {
    throw classify(error);
  }
  try {
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        if (choice.finish_reason) finished = true;
        if (choice.delta?.content) yield { type: 'text-delta', delta: choice.delta.content };
        for (const toolCall of choice.delta?.tool_calls ?? []) {
          if (toolCall.id && toolCall.function?.name) {
            yield {
              type: 'tool-call-start',
              index: toolCall.index,
              id: toolCall.id,
              name: toolCall.function.name,
            };
          }
          if (toolCall.function?.arguments) {
            yield {
              type: 'tool-call-delta',
              index: toolCall.index,
              argumentsDelta: toolCall.function.arguments,
            };
          }
        }
      }
      if (chunk.usage) {
        yield {
          type: 'usage',
          usage: {
            promptTokens: chunk.usage.prompt_tokens,
            completionTokens: chunk.usage.completion_tokens,
            totalTokens: chunk.usage.total_tokens,
          },
        };
      }
    }
  } catch (error) {
    throw classify(error);
  }
  // The openai client ends an aborted stream without an error; say it was aborted.
  request.signal.throwIfAborted();
  // A stream that simply stops (a proxy or server closing it early) must not pass for a complete answer.
  if (!finished) {
    throw new ModelError(
      'incomplete',
      'the model stream ended before the answer was complete (no finish reason, no [DONE])',
    );
  }
}

function toOpenAITool(tool: ModelRequest['tools'][number]): ChatCompletionTool {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}

function toOpenAIMessages(
  instructions: string | undefined,
  messages: readonly ModelMessage[],
): ChatCompletionMessageParam[] {
  const converted: ChatCompletionMessageParam[] = instructions
    ? [{ role: 'system', content: instructions }]
    : [];
  for (const message of messages) {
    switch (message.role) {
      case 'user':
        converted.push({
          role: 'user',
          content: message.attachments?.length
            ? attachmentParts(message.content, message.attachments)
            : message.content,
        });
        break;
      case 'assistant':
        converted.push({
          role: 'assistant',
          content: message.content,
          tool_calls: message.toolCalls?.length
            ? message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: call.arguments },
              }))
            : undefined,
        });
        break;
      case 'tool':
        converted.push({ role: 'tool', content: message.content, tool_call_id: message.toolCallId });
        break;
    }
  }
  return converted;
}
