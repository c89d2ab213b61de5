import type { ChatMessage } from './chat-request';
import { type ScriptedReply, textReply } from './scripted-reply';

const valueKeys = ['result', 'value', 'formatted', 'time', 'now', 'currentTime', 'iso', 'output'];

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    if ('message' in value && typeof value.message === 'string') return value.message;
    return JSON.stringify(value);
  }
  return String(value);
}

/** The interesting value of a tool result: a known field of a JSON object, the JSON scalar, or the text. */
function resultValue(content: string, json: unknown): string {
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    const key = valueKeys.find((candidate) => record[candidate] !== undefined);
    return key === undefined ? JSON.stringify(json) : describe(record[key]);
  }
  return json === undefined || json === null ? content.trim() : describe(json);
}

function field(json: unknown, name: string): unknown {
  return typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[name] : undefined;
}

function rejectionReason(content: string, json: unknown): string {
  const reason = field(json, 'reason') ?? field(json, 'message');
  if (reason !== undefined) return describe(reason);
  const afterColon = /rejected[^:]*:\s*(.+)$/is.exec(content)?.[1]?.trim();
  return afterColon || 'no reason given';
}

function failureMessage(content: string, json: unknown): string {
  const error = field(json, 'error');
  if (error !== undefined) return describe(error);
  return content.replace(/^error\b:?\s*/i, '').trim() || content.trim();
}

/** Name of the tool whose call `message` answers, found in the assistant messages before it. */
function toolNameFor(message: ChatMessage, messages: readonly ChatMessage[]): string | undefined {
  for (const earlier of messages) {
    const call = earlier.toolCalls.find((candidate) => candidate.id === message.toolCallId);
    if (call !== undefined) return call.function.name;
  }
  return undefined;
}

/** A short deterministic answer that uses the tool result in `message`. */
export function toolResultReply(message: ChatMessage, messages: readonly ChatMessage[]): ScriptedReply {
  const content = message.content;
  const json = parseJson(content);
  if (/rejected/i.test(content)) {
    return textReply(`The tool call was rejected: ${rejectionReason(content, json)}`);
  }
  if (/^\s*error\b/i.test(content) || field(json, 'error') !== undefined) {
    return textReply(`The tool failed: ${failureMessage(content, json)}`);
  }
  const value = resultValue(content, json);
  const toolName = toolNameFor(message, messages);
  switch (toolName) {
    case 'calculator':
      return textReply(`The result is ${value}.`);
    case 'currentTime':
      return textReply(`It is now ${value}.`);
    case 'researcher':
      return textReply(`The researcher reports: ${value}`);
    case undefined:
      return textReply(`The tool returned: ${value.slice(0, 200)}`);
    default:
      return textReply(`The ${toolName} tool returned: ${value.slice(0, 200)}`);
  }
}
