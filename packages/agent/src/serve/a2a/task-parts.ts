import { type Message, type Part, Role } from '@a2a-js/sdk';

/** Which task and conversation an A2A object belongs to: the run's id and its conversation's. */
export interface TaskIds {
  /** The run's id (`run.id`, `<agent>/<conversationId>/<runId>`): a task is a run. */
  readonly taskId: string;
  /** The conversation (thread) the run belongs to. */
  readonly contextId: string;
}

/** A text part. */
export function textPart(text: string): Part {
  return {
    content: { $case: 'text', value: text },
    metadata: undefined,
    filename: '',
    mediaType: 'text/plain',
  };
}

/** A structured (JSON) part. */
export function dataPart(value: Record<string, unknown>): Part {
  return {
    content: { $case: 'data', value },
    metadata: undefined,
    filename: '',
    mediaType: 'application/json',
  };
}

/** A message of the agent in the task. */
export function agentMessage(ids: TaskIds, messageId: string, parts: Part[]): Message {
  return {
    messageId,
    contextId: ids.contextId,
    taskId: ids.taskId,
    role: Role.ROLE_AGENT,
    parts,
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

/** The text of a message's text parts, joined; `undefined` when it has other parts (files, data). */
export function textOfParts(parts: readonly Part[]): string | undefined {
  const texts: string[] = [];
  for (const part of parts) {
    if (part.content?.$case !== 'text') return undefined;
    texts.push(part.content.value);
  }
  return texts.join('\n');
}
