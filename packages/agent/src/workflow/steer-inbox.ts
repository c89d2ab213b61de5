import { condition, setHandler } from '@temporalio/workflow';
import {
  buildControlEvent as controlEvent,
  type PublishedEvent,
  type RunContext,
} from '../common/event-builders';
import type { SteerInboxState } from '../common/run-continuation';
import { type SteerReceipt, steerRunUpdate } from './definitions';

interface Steer extends SteerReceipt {
  readonly text: string;
  readonly from?: string;
}

/** Longest steer accepted (a steer is a chat message, not a document). */
const MAX_STEER_CHARACTERS = 20_000;

/**
 * Steering: messages people send into a running run (the `steerRun` update, from any client). Each is
 * workflow state from the moment the update is accepted (so it survives any crash), is published as a
 * `steer-received` event as soon as it arrives, and joins the run's messages before its next model round
 * (`take`). Once the run is ending (`close`), steers are refused with the reason.
 */
export class SteerInbox {
  private readonly received: Steer[];
  private published: number;
  private taken: number;
  private closedReason: string | undefined;

  /** `state`: the steers a run carried when it continued as new. */
  constructor(
    private readonly context: RunContext,
    private readonly publish: (event: PublishedEvent) => void,
    state?: SteerInboxState,
  ) {
    this.received = [...(state?.received ?? [])];
    this.published = state?.published ?? 0;
    this.taken = state?.taken ?? 0;
    setHandler(
      steerRunUpdate,
      ({ text, identity }) => {
        const receipt: SteerReceipt = {
          steerId: `steer-${this.received.length + 1}`,
          receivedAt: new Date(Date.now()).toISOString(),
        };
        this.received.push({ ...receipt, text, ...(identity ? { from: identity } : {}) });
        return receipt;
      },
      {
        validator: ({ text }) => {
          if (this.closedReason !== undefined)
            throw new Error(`the run takes no more messages: ${this.closedReason}`);
          if (typeof text !== 'string' || text.trim() === '') throw new Error('the message is empty');
          if (text.length > MAX_STEER_CHARACTERS)
            throw new Error(`the message is longer than ${MAX_STEER_CHARACTERS} characters`);
        },
      },
    );
    // Published by workflow code, never by the handler (see RunEventLog's invariant).
    void (async () => {
      for (;;) {
        await condition(() => this.received.length > this.published);
        this.publishArrived();
      }
    })();
  }

  /** The steers received so far, for the run's next Temporal run when it continues as new. */
  state(): SteerInboxState {
    const { received, published, taken } = this;
    return { received, published, taken };
  }

  /** Steers not taken into the run yet. */
  get waiting(): boolean {
    return this.received.length > this.taken;
  }

  /** The texts of steers not taken yet, in order; they are taken (each joins the run's messages once). */
  take(): string[] {
    this.publishArrived();
    const texts = this.received.slice(this.taken).map((steer) => steer.text);
    this.taken = this.received.length;
    return texts;
  }

  /** Refuses later steers with `reason` (the run is ending). */
  close(reason: string): void {
    this.closedReason ??= reason;
  }

  private publishArrived(): void {
    for (const steer of this.received.slice(this.published)) {
      const { steerId, text, receivedAt, from } = steer;
      this.publish(
        controlEvent(this.context, 'steer-received', {
          steerId,
          text,
          receivedAt,
          ...(from ? { from } : {}),
        }),
      );
    }
    this.published = this.received.length;
  }
}
