import { WorkflowStreamClient } from '@temporalio/workflow-streams/client';
import { messageEvents, type PublishedEvent, type RunContext } from '../common/events';
import { EVENTS_TOPIC } from '../common/names';

/**
 * Publishes a run's events from an activity into the run workflow's stream. Text deltas are coalesced:
 * the first one goes out at once (so the first token is not held back), later ones every `batchMs`.
 */
export class EventPublisher {
  private readonly client: WorkflowStreamClient;
  private readonly topic;
  private pendingText = '';
  private pendingMessage: { messageId: string; attempt: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private sentFirstDelta = false;

  constructor(
    private readonly context: RunContext,
    private readonly batchMs: number,
  ) {
    this.client = WorkflowStreamClient.fromWithinActivity({
      batchInterval: batchMs,
      maxRetryDuration: '1 minute',
    });
    this.topic = this.client.topic<PublishedEvent>(EVENTS_TOPIC);
  }

  /** Publishes an event after any text still waiting; `urgent` sends it without waiting for the next batch. */
  publish(event: PublishedEvent, urgent = false): void {
    this.emitPendingText(false);
    this.topic.publish(event, { forceFlush: urgent });
  }

  appendText(messageId: string, attempt: number, delta: string): void {
    if (!this.sentFirstDelta) {
      this.sentFirstDelta = true;
      this.topic.publish(messageEvents.content(this.context, messageId, attempt, delta), {
        forceFlush: true,
      });
      return;
    }
    this.pendingText += delta;
    this.pendingMessage = { messageId, attempt };
    this.timer ??= setTimeout(() => this.emitPendingText(true), this.batchMs);
  }

  /** Sends everything published so far and waits until the workflow has it. */
  async flush(): Promise<void> {
    this.emitPendingText(false);
    await this.client.flush();
  }

  async close(): Promise<void> {
    this.emitPendingText(false);
    await this.client[Symbol.asyncDispose]();
  }

  private emitPendingText(forceFlush: boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pendingMessage || this.pendingText === '') return;
    const { messageId, attempt } = this.pendingMessage;
    this.topic.publish(messageEvents.content(this.context, messageId, attempt, this.pendingText), {
      forceFlush,
    });
    this.pendingText = '';
  }
}
