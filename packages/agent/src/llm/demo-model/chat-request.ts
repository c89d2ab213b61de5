import { type ChatAttachment, readContentParts } from './chat-attachments';

/** One tool call inside an assistant message, as the OpenAI chat API sends it. */
export interface ChatToolCall {
  readonly id: string;
  readonly function: { readonly name: string; readonly arguments: string };
}

/** The parts of a chat message the demo model reads. */
export interface ChatMessage {
  readonly role: string;
  readonly content: string;
  readonly toolCalls: readonly ChatToolCall[];
  readonly toolCallId?: string;
  /** Files attached to a user message (`<attachment>` content parts). */
  readonly attachments: readonly ChatAttachment[];
}

/** The parts of a chat completion request the demo model reads. */
export interface ChatRequest {
  /** The model asked for, when the request names one. */
  readonly model?: string;
  readonly messages: readonly ChatMessage[];
  /** The JSON Schema of `response_format: { type: 'json_schema' }`, when the answer must be JSON. */
  readonly jsonSchema?: unknown;
  readonly toolNames: ReadonlySet<string>;
  readonly stream: boolean;
  readonly includeUsage: boolean;
}

/** Why a request body was refused, with the OpenAI `param` it concerns. */
export interface RequestProblem {
  readonly problem: string;
  readonly param: string | null;
}

const roles = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A message content — a string, null, or an array of parts — as its text and its attachments. */
function readContent(content: unknown): { text: string; attachments: ChatAttachment[] } {
  if (typeof content === 'string') return { text: content, attachments: [] };
  if (!Array.isArray(content)) return { text: '', attachments: [] };
  return readContentParts(content);
}

function toolCallsOf(value: unknown): ChatToolCall[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((call) => {
    const fn = isRecord(call.function) ? call.function : {};
    return {
      id: typeof call.id === 'string' ? call.id : '',
      function: {
        name: typeof fn.name === 'string' ? fn.name : '',
        arguments: typeof fn.arguments === 'string' ? fn.arguments : '',
      },
    };
  });
}

function parseMessage(value: unknown, index: number): ChatMessage | RequestProblem {
  const param = `messages.[${index}]`;
  if (!isRecord(value)) return { problem: `${param} must be an object.`, param };
  if (value.role === undefined)
    return { problem: `Missing required parameter: '${param}.role'.`, param: `${param}.role` };
  if (typeof value.role !== 'string' || !roles.has(value.role)) {
    return {
      problem: `Invalid value for '${param}.role': ${JSON.stringify(value.role)}.`,
      param: `${param}.role`,
    };
  }
  if (value.role === 'tool') {
    // As OpenAI does: a tool message must carry its content and the id of the call it answers.
    if (typeof value.content !== 'string' && !Array.isArray(value.content))
      return { problem: `Missing required parameter: '${param}.content'.`, param: `${param}.content` };
    if (typeof value.tool_call_id !== 'string')
      return {
        problem: `Missing required parameter: '${param}.tool_call_id'.`,
        param: `${param}.tool_call_id`,
      };
  }
  const { text, attachments } = readContent(value.content);
  return {
    role: value.role,
    content: text,
    attachments,
    toolCalls: toolCallsOf(value.tool_calls),
    ...(typeof value.tool_call_id === 'string' ? { toolCallId: value.tool_call_id } : {}),
  };
}

function toolNamesOf(tools: unknown): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(tools)) return names;
  for (const tool of tools) {
    if (isRecord(tool) && isRecord(tool.function) && typeof tool.function.name === 'string') {
      names.add(tool.function.name);
    }
  }
  return names;
}

/** Validates a parsed JSON body like the OpenAI API does for the fields the demo model needs. */
export function parseChatRequest(body: unknown): ChatRequest | RequestProblem {
  if (!isRecord(body)) return { problem: 'The request body must be a JSON object.', param: null };
  if (body.messages === undefined)
    return { problem: "Missing required parameter: 'messages'.", param: 'messages' };
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return { problem: "Invalid 'messages': expected a non-empty array of messages.", param: 'messages' };
  }
  const messages: ChatMessage[] = [];
  for (const [index, value] of body.messages.entries()) {
    const message = parseMessage(value, index);
    if ('problem' in message) return message;
    messages.push(message);
  }
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
  const responseFormat = isRecord(body.response_format) ? body.response_format : {};
  const jsonSchema = isRecord(responseFormat.json_schema) ? responseFormat.json_schema.schema : undefined;
  return {
    ...(typeof body.model === 'string' ? { model: body.model } : {}),
    ...(responseFormat.type === 'json_schema' ? { jsonSchema: jsonSchema ?? {} } : {}),
    messages,
    toolNames: toolNamesOf(body.tools),
    stream: body.stream === true,
    includeUsage: streamOptions.include_usage === true,
  };
}

/** Text of the last `user` message, or '' when there is none. */
export function lastUserText(messages: readonly ChatMessage[]): string {
  return messages.findLast((message) => message.role === 'user')?.content ?? '';
}

/** Texts of the `user` messages before the last one: what the user said in earlier turns, in order. */
export function earlierUserTexts(messages: readonly ChatMessage[]): string[] {
  return messages
    .filter((message) => message.role === 'user')
    .map((message) => message.content)
    .slice(0, -1);
}

/** The system (or developer) messages' text, joined: the instructions the model was given. */
export function systemText(messages: readonly ChatMessage[]): string {
  return messages
    .filter((message) => message.role === 'system' || message.role === 'developer')
    .map((message) => message.content)
    .join('\n\n')
    .trim();
}
