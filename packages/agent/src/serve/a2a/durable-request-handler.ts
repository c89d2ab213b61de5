import type {
  AgentCard,
  CancelTaskRequest,
  GetTaskRequest,
  ListTasksResponse,
  Message,
  SendMessageRequest,
  StreamResponse,
  SubscribeToTaskRequest,
  Task,
  TaskPushNotificationConfig,
} from '@a2a-js/sdk';
import {
  PushNotificationNotSupportedError,
  RequestMalformedError,
  TaskNotCancelableError,
  UnsupportedOperationError,
} from '@a2a-js/sdk/errors';
import type { A2ARequestHandler, ServerCallContext } from '@a2a-js/sdk/server';
import type { Agent } from '../../client/agent';
import type { AgentRun } from '../../client/agent-run';
import { foldRun } from '../../client/fold-run';
import { isFinished } from '../../runs/run-view';
import type { ThreadRuns } from '../thread-runs';
import { TaskEvents } from './task-events';
import { runForMessage } from './task-messages';
import { attachTask, idsOf } from './task-runs';
import { taskOf } from './task-status';

/** Where a request's `AbortSignal` (its connection closed) travels in the call context's state. */
export const REQUEST_SIGNAL = 'durable-agent:signal';

/**
 * A2A's request handler over durable runs: a task is a run, read from Temporal by the library's readers
 * and folded by its reducer, so tasks outlive this process and its workers. Push notifications and task
 * listing are not offered.
 */
export class DurableRequestHandler implements A2ARequestHandler {
  constructor(
    private readonly agent: Agent,
    private readonly threads: ThreadRuns,
    private readonly card: () => AgentCard,
  ) {}

  async getAgentCard(): Promise<AgentCard> {
    return this.card();
  }

  async getAuthenticatedExtendedAgentCard(): Promise<AgentCard> {
    return this.card();
  }

  /** Runs the message's task to its end or to `input-required` (at once with `returnImmediately`). */
  async sendMessage(params: SendMessageRequest, context: ServerCallContext): Promise<Message | Task> {
    const { run, seenThrough } = await runForMessage(this.agent, this.threads, messageOf(params));
    const events = new TaskEvents(idsOf(run), seenThrough);
    if (params.configuration?.returnImmediately) return taskOf(events.runView, idsOf(run));
    for await (const event of run.events({ signal: signalOf(context) })) {
      events.push(event);
      if (events.ended) break;
    }
    return taskOf(events.runView, idsOf(run));
  }

  async *sendMessageStream(
    params: SendMessageRequest,
    context: ServerCallContext,
  ): AsyncGenerator<StreamResponse, void, undefined> {
    const { run, seenThrough } = await runForMessage(this.agent, this.threads, messageOf(params));
    yield* this.follow(run, new TaskEvents(idsOf(run), seenThrough), context);
  }

  /**
   * `tasks/subscribe` (after a dropped connection): the task as it was at its start, then the run read
   * again from its first event — each message's text comes once, whole (`append: false`), then in chunks.
   */
  async *resubscribe(
    params: SubscribeToTaskRequest,
    context: ServerCallContext,
  ): AsyncGenerator<StreamResponse, void, undefined> {
    const run = await attachTask(this.agent, requiredId(params.id));
    yield* this.follow(run, new TaskEvents(idsOf(run)), context);
  }

  /** The task as its run has logged it so far (a running task's text so far; nothing waits). */
  async getTask(params: GetTaskRequest, context: ServerCallContext): Promise<Task> {
    const run = await attachTask(this.agent, requiredId(params.id));
    return taskOf(await foldRun(run, { untilNow: true, signal: signalOf(context) }), idsOf(run));
  }

  /**
   * Stops the task's run (its partial text kept) and answers with the task once it has ended: canceled —
   * or, for a task that had ended already (or ended before the stop reached it), TaskNotCancelableError.
   */
  async cancelTask(params: CancelTaskRequest, context: ServerCallContext): Promise<Task> {
    const run = await attachTask(this.agent, requiredId(params.id));
    const before = await foldRun(run, { untilNow: true, signal: signalOf(context) });
    if (isFinished(before)) {
      throw new TaskNotCancelableError(
        `task "${params.id}" has ended (${before.phase}): it cannot be canceled`,
      );
    }
    await run.cancel();
    const view = await foldRun(run, { untilNow: false, signal: signalOf(context) });
    if (view.phase !== 'cancelled') {
      throw new TaskNotCancelableError(
        `task "${params.id}" has ended (${view.phase}): it cannot be canceled`,
      );
    }
    return taskOf(view, idsOf(run));
  }

  async listTasks(): Promise<ListTasksResponse> {
    throw new UnsupportedOperationError('listing tasks is not offered: keep the ids of the tasks you start');
  }

  async createTaskPushNotificationConfig(): Promise<TaskPushNotificationConfig> {
    throw new PushNotificationNotSupportedError('push notifications are not offered: stream or subscribe');
  }

  async getTaskPushNotificationConfig(): Promise<TaskPushNotificationConfig> {
    throw new PushNotificationNotSupportedError('push notifications are not offered: stream or subscribe');
  }

  async listTaskPushNotificationConfigs(): Promise<never> {
    throw new PushNotificationNotSupportedError('push notifications are not offered: stream or subscribe');
  }

  async deleteTaskPushNotificationConfig(): Promise<void> {
    throw new PushNotificationNotSupportedError('push notifications are not offered: stream or subscribe');
  }

  private async *follow(
    run: AgentRun,
    events: TaskEvents,
    context: ServerCallContext,
  ): AsyncGenerator<StreamResponse, void, undefined> {
    for await (const event of run.events({ signal: signalOf(context) })) {
      yield* events.push(event);
      if (events.ended) return;
    }
  }
}

function messageOf(params: SendMessageRequest): Message {
  if (!params.message) throw new RequestMalformedError('params.message is required');
  return params.message;
}

function requiredId(id: string): string {
  if (!id?.trim()) throw new RequestMalformedError('params.id (the task id) is required');
  return id;
}

function signalOf(context: ServerCallContext): AbortSignal | undefined {
  return context.state.get(REQUEST_SIGNAL) as AbortSignal | undefined;
}
