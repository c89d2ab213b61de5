import { randomUUID } from 'node:crypto';
import { Role, type SendMessageRequest, type StreamResponse, TaskState } from '@a2a-js/sdk';
import {
  type Client,
  ClientFactory,
  ClientFactoryOptions,
  JsonRpcTransportFactory,
} from '@a2a-js/sdk/client';
import type { ServeProcess } from './serve-process';

/** The base URL of a serve process (its AG-UI endpoint without `/agent`). */
export function baseUrlOf(serve: ServeProcess): string {
  return serve.url.replace(/\/agent$/, '');
}

/** `@a2a-js/sdk`'s own client for the serve process, from its agent card; with `token` it sends it. */
export async function a2aClient(serve: ServeProcess, token?: string): Promise<Client> {
  const fetchImpl: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const options = ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    transports: [new JsonRpcTransportFactory({ fetchImpl })],
  });
  return new ClientFactory(options).createFromUrl(baseUrlOf(serve));
}

/** A user's text message, new (or in `contextId`, or answering `taskId`). */
export function userText(
  text: string,
  options: { contextId?: string; taskId?: string; returnImmediately?: boolean } = {},
): SendMessageRequest {
  return {
    tenant: '',
    message: {
      messageId: randomUUID(),
      contextId: options.contextId ?? '',
      taskId: options.taskId ?? '',
      role: Role.ROLE_USER,
      parts: [
        {
          content: { $case: 'text', value: text },
          metadata: undefined,
          filename: '',
          mediaType: 'text/plain',
        },
      ],
      metadata: undefined,
      extensions: [],
      referenceTaskIds: [],
    },
    configuration: options.returnImmediately
      ? { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately: true }
      : undefined,
    metadata: undefined,
  };
}

/**
 * What a client shows of a task's stream, applying A2A's rules: an artifact update with `append` adds
 * its text to the artifact's, without replaces it; status updates in order.
 */
export class TaskStreamView {
  readonly events: StreamResponse[] = [];
  readonly artifacts = new Map<string, string>();
  readonly states: TaskState[] = [];
  taskId = '';
  contextId = '';

  apply(event: StreamResponse): void {
    this.events.push(event);
    const payload = event.payload;
    if (payload?.$case === 'task') {
      this.taskId = payload.value.id;
      this.contextId = payload.value.contextId;
      if (payload.value.status) this.states.push(payload.value.status.state);
      for (const artifact of payload.value.artifacts)
        this.artifacts.set(artifact.artifactId, textOf(artifact.parts));
    }
    if (payload?.$case === 'statusUpdate' && payload.value.status)
      this.states.push(payload.value.status.state);
    if (payload?.$case === 'artifactUpdate' && payload.value.artifact) {
      const { artifactId, parts } = payload.value.artifact;
      const before = payload.value.append ? (this.artifacts.get(artifactId) ?? '') : '';
      this.artifacts.set(artifactId, before + textOf(parts));
    }
  }

  /** The text of the last artifact (the answer). */
  get answer(): string {
    return [...this.artifacts.values()].at(-1) ?? '';
  }

  get finalState(): TaskState | undefined {
    return this.states.at(-1);
  }

  /** The artifact updates, in order. */
  get chunks(): { text: string; append: boolean }[] {
    return this.events.flatMap((event) =>
      event.payload?.$case === 'artifactUpdate'
        ? [{ text: textOf(event.payload.value.artifact?.parts ?? []), append: event.payload.value.append }]
        : [],
    );
  }
}

export function textOf(parts: readonly { content?: { $case: string; value: unknown } }[]): string {
  return parts.map((part) => (part.content?.$case === 'text' ? String(part.content.value) : '')).join('');
}

export const COMPLETED = TaskState.TASK_STATE_COMPLETED;
