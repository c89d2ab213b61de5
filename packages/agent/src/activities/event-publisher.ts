import type { WorkflowHandle } from '@temporalio/client';
import { messageEvents, type PublishedEvent, type RunContext } from '../common/events';
import { EVENTS_TOPIC } from '../common/names';
import { MAX_SIGNAL_BYTES, PublishChannel } from './publish-channel';
import type { StreamPacing } from './stream-pacing';

/** Most text one content event carries: a fast model's batch becomes several events, each a signal at most. */
const MAX_EVENT_TEXT_CHARACTERS = 128 * 1024;

/**
 * While someone reads the attempt's text live from the worker, the log's batches are only its durable
 * copy: they come at most this often (each costs a signal and a workflow task on the worker and on Temporal).
 */
export const LIVE_FOLLOWED_BATCH_MS = 2500;

/** The attempt's live text as the publisher sees it: there when the worker serves it, followed or not. */
export interface LiveTextPresence {
  readonly followed: boolean;
}

/** A failed signal is tried again this soon, for at most a minute. */
const RETRY_DELAY_MS = 250;
const MAX_RETRY_MS = 60_000;

/**
 * Publishes a run's events from the model activity into the run workflow's stream, in batches with one
 * timer: text is coalesced into one event per batch, a batch every `pacing` interval — and never two
 * signals at once (a slow service makes batches larger, not more). `urgent` events go with the next signal.
 * Without live text the first delta goes out at once (so the first token is not held back); with it,
 * followers read the first token live (the attempt's start went out urgently, naming where), and while
 * someone reads live the batches stretch to `LIVE_FOLLOWED_BATCH_MS`.
 */
export class EventPublisher {
  private readonly channel: PublishChannel;
  private readonly release: () => void;
  private pendingText = '';
  private pendingMessage: { messageId: string; attempt: number } | undefined;
  /** Characters of the message's text published before `pendingText` (the next delta's offset). */
  private textOffset = 0;
  private sentFirstDelta = false;
  private timer: NodeJS.Timeout | undefined;
  /** When the last batch was sent (0 before the first). */
  private lastSentAt = 0;
  private requested = false;
  private sending: Promise<void> | undefined;
  private failure: unknown;

  /**
   * @param mayPublish asked before each signal: false when this attempt was replaced (its worker was paused
   *   past the heartbeat timeout); then nothing more is published and flushing fails.
   * @param live the attempt's live text, when the worker serves it (it paces the batches).
   */
  constructor(
    private readonly context: RunContext,
    workflow: WorkflowHandle,
    private readonly pacing: StreamPacing,
    private readonly batchMs: number,
    private readonly mayPublish: () => Promise<boolean>,
    private readonly live: () => LiveTextPresence | undefined = () => undefined,
  ) {
    this.channel = new PublishChannel(workflow, EVENTS_TOPIC, MAX_RETRY_MS);
    this.release = pacing.open();
  }

  /** Publishes an event after any text still waiting; `urgent` sends it without waiting for the next batch. */
  publish(event: PublishedEvent, urgent = false): void {
    this.takeText();
    this.channel.add(event);
    if (urgent) this.sendNow();
    else this.schedule();
  }

  /** Text of the one message this publisher streams (each delta's event carries its offset in the text). */
  appendText(messageId: string, attempt: number, delta: string): void {
    if (!this.sentFirstDelta && !this.live()) {
      this.sentFirstDelta = true;
      this.takeText();
      this.channel.add(messageEvents.content(this.context, messageId, attempt, delta, this.textOffset));
      this.textOffset += delta.length;
      this.sendNow();
      return;
    }
    this.pendingText += delta;
    this.pendingMessage = { messageId, attempt };
    if (this.pendingText.length >= MAX_EVENT_TEXT_CHARACTERS) {
      this.takeText();
      this.sendNow();
      return;
    }
    this.schedule();
  }

  /** Sends everything published so far and waits until the workflow has it. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      this.takeText();
      if (this.channel.empty && !this.sending) return;
      this.sendNow();
      await this.sending;
    }
  }

  /**
   * Ends publishing by signal: lets the batch on its way (or being retried) arrive, then hands back what
   * is left — the caller returns it in the activity's result and the workflow publishes it, which saves
   * the run a last signal and its workflow task.
   */
  async takeRest(): Promise<PublishedEvent[]> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.requested = false;
    while (this.sending) await this.sending;
    if (this.failure) throw this.failure;
    this.takeText();
    // A long rest goes by signal, batch by batch, until what is left fits in the activity's result.
    while (this.channel.unsentBytes > MAX_SIGNAL_BYTES) {
      this.sendNow();
      await this.sending;
      if (this.failure) throw this.failure;
    }
    return this.channel.takeUnsent() as PublishedEvent[];
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      clearTimeout(this.timer);
      this.release();
    }
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.batchDue(), this.pacing.intervalMs(this.intervalMs()));
  }

  /** A batch is due, unless a follower began reading live since it was timed: then it waits longer. */
  private batchDue(): void {
    this.timer = undefined;
    const wait = this.lastSentAt + this.pacing.intervalMs(this.intervalMs()) - Date.now();
    if (wait > 0) this.timer = setTimeout(() => this.batchDue(), wait);
    else this.sendNow();
  }

  private sendNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastSentAt = Date.now();
    this.requested = true;
    this.sending ??= this.sendWhileRequested().finally(() => {
      this.sending = undefined;
    });
  }

  private async sendWhileRequested(): Promise<void> {
    while (this.requested && !this.failure) {
      this.requested = false;
      this.takeText();
      if (!(await this.mayPublish())) {
        this.channel.takeUnsent();
        this.failure = new Error('this attempt was replaced by a later one: it publishes nothing more');
        return;
      }
      try {
        await this.channel.send();
        // A batch holds at most MAX_SIGNAL_BYTES: what is left of a fast model's text goes next.
        if (this.channel.unsentBytes > MAX_SIGNAL_BYTES) this.requested = true;
      } catch (error) {
        if (!this.channel.busy) {
          this.failure = error; // gave up: flush() reports it and the attempt fails
          return;
        }
        this.requested = true;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  }

  /** The run's batch interval, stretched while the attempt's text is read live. */
  private intervalMs(): number {
    return this.live()?.followed ? Math.max(this.batchMs, LIVE_FOLLOWED_BATCH_MS) : this.batchMs;
  }

  /** Text coalesced since the last batch becomes one content event. */
  private takeText(): void {
    if (!this.pendingMessage || this.pendingText === '') return;
    const { messageId, attempt } = this.pendingMessage;
    this.channel.add(
      messageEvents.content(this.context, messageId, attempt, this.pendingText, this.textOffset),
    );
    this.textOffset += this.pendingText.length;
    this.pendingText = '';
  }
}
