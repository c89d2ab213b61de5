import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { PublishEntry, PublishInput } from '@temporalio/workflow-streams/client';
import { encodePayloadWire } from '@temporalio/workflow-streams/workflow';
import { WORKFLOW_STREAM_PUBLISH_SIGNAL } from '../common/names';

/**
 * Most bytes of items one signal carries (a single larger item goes alone): Temporal refuses payloads
 * over 2 MB, and a reader's page of history must stay under gRPC's 4 MB.
 */
export const MAX_SIGNAL_BYTES = 256 * 1024;

/**
 * Sends batches of items to a workflow's stream, one signal at a time, by the Workflow Streams protocol:
 * each batch carries this publisher's id and a sequence number, and a batch whose signal failed is sent
 * again as it was (same sequence), so the workflow keeps it once even when the first signal did arrive.
 * Unlike `WorkflowStreamClient` it has no timer of its own: the caller decides when a batch goes.
 */
export class PublishChannel {
  private readonly publisherId = randomUUID().replace(/-/g, '').slice(0, 16);
  private sequence = 0;
  /** Items added and not sent yet, encoded, in order. */
  private unsent: { readonly value: unknown; readonly entry: PublishEntry; readonly bytes: number }[] = [];
  private unsentBytesTotal = 0;
  /** The batch on its way, or one whose signal failed and goes again unchanged. */
  private pending:
    | { readonly items: PublishEntry[]; readonly sequence: number; readonly since: number }
    | undefined;
  private sending: Promise<void> | undefined;

  constructor(
    private readonly handle: WorkflowHandle,
    private readonly topic: string,
    private readonly maxRetryMs: number,
  ) {}

  add(value: unknown): void {
    const entry: PublishEntry = {
      topic: this.topic,
      data: encodePayloadWire(defaultPayloadConverter.toPayload(value)),
    };
    this.unsent.push({ value, entry, bytes: entry.data.length });
    this.unsentBytesTotal += entry.data.length;
  }

  /** Hands back what was added and not sent yet (the caller delivers it another way). */
  takeUnsent(): unknown[] {
    const values = this.unsent.map((item) => item.value);
    this.unsent = [];
    this.unsentBytesTotal = 0;
    return values;
  }

  /** Encoded size of what was added and not sent yet. */
  get unsentBytes(): number {
    return this.unsentBytesTotal;
  }

  /** True while a batch is on its way or waits to go again. */
  get busy(): boolean {
    return this.sending !== undefined || this.pending !== undefined;
  }

  get empty(): boolean {
    return this.pending === undefined && this.unsent.length === 0;
  }

  /** Sends what was added (or retries the failed batch first); one signal at a time. */
  send(): Promise<void> {
    this.sending ??= this.sendOnce().finally(() => {
      this.sending = undefined;
    });
    return this.sending;
  }

  private async sendOnce(): Promise<void> {
    if (!this.pending) {
      if (this.unsent.length === 0) return;
      const items = this.takeBatch();
      this.pending = { items, sequence: this.sequence + 1, since: Date.now() };
    }
    const { items, sequence, since } = this.pending;
    const input: PublishInput = { items, publisher_id: this.publisherId, sequence };
    try {
      await this.handle.signal<[PublishInput]>(WORKFLOW_STREAM_PUBLISH_SIGNAL, input);
    } catch (error) {
      if (Date.now() - since > this.maxRetryMs) {
        // The workflow may or may not have the batch: the attempt fails and the next one starts over.
        this.sequence = sequence;
        this.pending = undefined;
        throw new Error(`events could not be published for ${this.maxRetryMs} ms`, { cause: error });
      }
      throw error;
    }
    this.sequence = sequence;
    this.pending = undefined;
  }

  /** The oldest unsent items, up to `MAX_SIGNAL_BYTES` (at least one). */
  private takeBatch(): PublishEntry[] {
    let bytes = 0;
    let count = 0;
    for (const item of this.unsent) {
      if (count > 0 && bytes + item.bytes > MAX_SIGNAL_BYTES) break;
      bytes += item.bytes;
      count++;
    }
    const batch = this.unsent.splice(0, count);
    this.unsentBytesTotal -= bytes;
    return batch.map((item) => item.entry);
  }
}
