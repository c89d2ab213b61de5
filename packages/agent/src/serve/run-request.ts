import type { Message, ResumeEntry, RunAgentInput } from '@ag-ui/core';
import { RunAgentInputSchema } from '@ag-ui/core/schemas';
import type { ToolSpecification } from '../llm/model-provider';
import { HttpError } from './http-error';

const ID = /^[A-Za-z0-9._:-]{1,200}$/;

/** A client-side tool call's result, sent back in the messages of the next run. */
export interface ClientToolResult {
  readonly toolCallId: string;
  readonly content: string;
}

/**
 * What a POST /agent asks for. The model sees the stored conversation plus `newInput` — the trailing
 * user and tool messages of `messages`; earlier messages are the client's copy and are not used.
 */
export interface RunRequest {
  readonly threadId: string;
  readonly runId: string;
  /** The client's messages as sent: what a MESSAGES_SNAPSHOT must keep. */
  readonly messages: readonly Message[];
  /** Undefined when the messages end with no user message or tool result (then only re-attaching works). */
  readonly newInput?: { readonly prompt: string; readonly toolResults: readonly ClientToolResult[] };
  readonly clientTools: readonly ToolSpecification[];
  /** `context` entries and system/developer messages, as instructions added to the agent's. */
  readonly context?: string;
  readonly resume: readonly ResumeEntry[];
}

/** Validates a body as AG-UI `RunAgentInput` (400 naming the field) and reads what the run needs. */
export function parseRunRequest(body: unknown): RunRequest {
  const parsed = RunAgentInputSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
    throw new HttpError(400, 'invalid-input', `not an AG-UI RunAgentInput: ${field}: ${issue.message}`);
  }
  const input = parsed.data as RunAgentInput;
  checkId('threadId', input.threadId);
  checkId('runId', input.runId);
  return {
    threadId: input.threadId,
    runId: input.runId,
    messages: input.messages,
    newInput: readNewInput(input.messages),
    clientTools: (input.tools ?? []).map((tool) => ({
      name: tool.name,
      description: tool.description ?? '',
      parameters: (tool.parameters as Record<string, unknown> | undefined) ?? {
        type: 'object',
        properties: {},
      },
    })),
    context: readContext(input),
    resume: input.resume ?? [],
  };
}

function checkId(field: string, value: string): void {
  if (!ID.test(value)) {
    throw new HttpError(
      400,
      'invalid-input',
      `${field} "${value.slice(0, 60)}" must be 1-200 letters, digits, ".", "_", ":" or "-"`,
    );
  }
}

/** The trailing user messages (joined) and tool results: what this run adds to the conversation. */
function readNewInput(messages: readonly Message[]): RunRequest['newInput'] {
  let start = messages.length;
  while (start > 0 && ['user', 'tool'].includes(messages[start - 1]!.role)) start--;
  const trailing = messages.slice(start);
  const prompts: string[] = [];
  const toolResults: ClientToolResult[] = [];
  for (const [index, message] of trailing.entries()) {
    if (message.role === 'user') prompts.push(textOf(message.content, `messages.${start + index}.content`));
    if (message.role === 'tool') {
      const content = textOf(message.content, `messages.${start + index}.content`);
      toolResults.push({ toolCallId: message.toolCallId, content });
    }
  }
  const prompt = prompts.filter((text) => text.trim() !== '').join('\n\n');
  if (prompt === '' && toolResults.length === 0) return undefined;
  return { prompt, toolResults };
}

function textOf(content: unknown, field: string): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { type?: string; text?: string }) => {
      if (part.type === 'text') return part.text ?? '';
      throw new HttpError(
        400,
        'invalid-input',
        `${field}: only text content is supported, not "${part.type}"`,
      );
    })
    .join('');
}

function readContext(input: RunAgentInput): string | undefined {
  const lines = (input.context ?? []).map((entry) => `${entry.description}: ${entry.value}`);
  for (const message of input.messages) {
    if (message.role === 'system' || message.role === 'developer')
      lines.push(textOf(message.content, 'messages'));
  }
  const text = lines.filter((line) => line.trim() !== '').join('\n');
  return text === '' ? undefined : text;
}
