import { defaultPayloadConverter, type Payload, upsertMemo } from '@temporalio/workflow';
import type { WorkflowStream, WorkflowTopicHandle } from '@temporalio/workflow-streams/workflow';
import type { PublishedEvent } from '../common/event-builders';
import type { HistoryEventsMemo } from '../common/history-events-memo';
import { EVENTS_MEMO, EVENTS_TOPIC } from '../common/names';

/**
 * The workflow's own events of a run (started, tool results, approvals, the end). They go into the run's
 * stream, as before, and — for runs that keep their events in history — into the run's history as a memo
 * upsert, so a reader can follow the run from its history alone, beside the batches the model activity
 * signals. A reader rebuilds the log in history order; that order is the log's order because the workflow
 * appends signalled batches before it runs its own code in an activation (signal jobs come first) and
 * its own events are recorded after the workflow task that produced them.
 *
 * Invariant: never publish from a signal or update handler (its event would be recorded after signals
 * that arrive later in the same activation). The memo carries the event's offset, so a reader that
 * disagrees notices instead of numbering events wrongly.
 */
export class RunEventLog {
  private readonly topic: WorkflowTopicHandle<PublishedEvent>;
  private unrecorded: PublishedEvent[] = [];
  private unrecordedOffset = 0;

  constructor(
    private readonly stream: WorkflowStream,
    private readonly inHistory: boolean,
  ) {
    this.topic = stream.topic<PublishedEvent>(EVENTS_TOPIC);
  }

  /**
   * Appends the event to the log. Events published together (in the same step of the workflow, before it
   * waits again) are recorded in history as one memo upsert: one history event, not one each.
   */
  publish(unstamped: PublishedEvent): void {
    // AG-UI's `timestamp` (workflow time: replays agree), the pace an exported run plays back at.
    const event = unstamped.timestamp === undefined ? { ...unstamped, timestamp: Date.now() } : unstamped;
    const offset = this.length;
    this.topic.publish(event);
    if (!this.inHistory) return;
    if (this.unrecorded.length === 0) {
      this.unrecordedOffset = offset;
      // Runs after the workflow's synchronous step, before it waits: no signalled batch can come between.
      void Promise.resolve().then(() => this.record());
    }
    this.unrecorded.push(event);
  }

  private record(): void {
    const memo: HistoryEventsMemo = { offset: this.unrecordedOffset, events: this.unrecorded };
    upsertMemo({ [EVENTS_MEMO]: memo });
    this.unrecorded = [];
  }

  /** Items in the stream's log (its own events and the signalled batches). */
  get length(): number {
    const { log, baseOffset } = this.streamLog();
    return baseOffset + log.length;
  }

  /**
   * The text of one attempt of a message, joined from its TEXT_MESSAGE_CONTENT events in the log (a long
   * answer the model call returned by reference: its events hold it, once).
   */
  textOf(messageId: string, attempt: number): string {
    const parts: { offset: number; delta: string }[] = [];
    for (const item of this.streamLog().log) {
      if (item.topic !== EVENTS_TOPIC) continue;
      const event = defaultPayloadConverter.fromPayload<PublishedEvent>(item.payload);
      if (event.type !== 'TEXT_MESSAGE_CONTENT' || event.messageId !== messageId) continue;
      if ((event.attempt ?? 1) !== attempt) continue;
      parts.push({ offset: event.offset ?? 0, delta: event.delta });
    }
    parts.sort((first, second) => first.offset - second.offset);
    let text = '';
    for (const part of parts)
      if (part.offset >= text.length) text += part.delta.slice(text.length - part.offset);
    return text;
  }

  private streamLog(): { log: { topic: string; payload: Payload }[]; baseOffset: number } {
    // WorkflowStream keeps its log private; @temporalio/workflow-streams is pinned to one exact version.
    return this.stream as unknown as { log: { topic: string; payload: Payload }[]; baseOffset: number };
  }
}
