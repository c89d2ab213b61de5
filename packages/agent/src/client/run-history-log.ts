import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PublishInput } from '@temporalio/workflow-streams/client';
import { decodePayloadWire } from '@temporalio/workflow-streams/workflow';
import type { AgentEvent, PublishedEvent } from '../common/events';
import type { HistoryEventsMemo } from '../common/history-events-memo';
import {
  EVENTS_MEMO,
  EVENTS_TOPIC,
  LEAN_HISTORY_PATCH,
  WORKFLOW_STREAM_PUBLISH_SIGNAL,
} from '../common/names';
import { continuedAs } from './run-chain';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

const PATCH_MARKER = 'core_patch';

const CLOSE_EVENTS: ReadonlySet<temporal.api.enums.v1.EventType> = new Set([
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
]);

/**
 * Rebuilds a run's event log from its Temporal history, event by event, as the workflow built it: the
 * batches the model activity signalled (duplicates of a batch dropped as the workflow drops them) and the
 * workflow's own events (recorded as memo upserts, see `RunEventLog`), in history order. Every item of the
 * log counts for the offsets (`seq`); only the events topic is returned.
 *
 * A run that continued as new goes on in the next Temporal run of its chain: its histories are added one
 * after the other, from the first (the log's offsets go on; see `run-chain.ts`).
 *
 * `mode` tells whether the run records its events in history at all: known once its first workflow task
 * has completed — by the patch it recorded, or (runs of format 2, no patch) by the own events it recorded
 * ('legacy' runs, started before both, are read by polling updates instead).
 */
export class RunHistoryLog {
  mode: 'unknown' | 'history' | 'legacy' = 'unknown';
  closed = false;
  /** Offset of the next item of the log. */
  next = 0;
  /** Own events whose recorded offset differed from the rebuilt one (0 unless the invariant was broken). */
  mismatches = 0;
  /** The Temporal run the log goes on in: set by the event that ends one by continuing as new. */
  continuedIn: string | undefined;
  private readonly publisherSequences = new Map<string, number>();
  private firstTaskCompleted = false;

  /** Takes the next history event; returns the run's events it adds to the log, with their `seq`. */
  add(event: HistoryEvent): AgentEvent[] {
    const type = event.eventType;
    if (type === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED && !this.firstTaskCompleted) {
      this.firstTaskCompleted = true;
      return [];
    }
    if (type === EventType.EVENT_TYPE_MARKER_RECORDED && this.mode === 'unknown' && isOurPatch(event)) {
      this.mode = 'history';
      return [];
    }
    // The first task's commands are over (a new task, or the end) without the patch or own events: an older run.
    if (
      this.mode === 'unknown' &&
      (CLOSE_EVENTS.has(type ?? 0) ||
        (this.firstTaskCompleted && type === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED))
    ) {
      this.mode = 'legacy';
    }
    if (CLOSE_EVENTS.has(type ?? 0)) {
      this.closed = true;
      return [];
    }
    this.continuedIn = continuedAs(event) ?? this.continuedIn;
    if (type === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) return this.addBatch(event);
    if (type === EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED) {
      const events = this.addOwnEvents(event);
      // A run of format 2 records no patch: its first task's own events (RUN_STARTED) say it.
      if (this.mode === 'unknown' && events.length > 0) this.mode = 'history';
      return events;
    }
    return [];
  }

  private addBatch(event: HistoryEvent): AgentEvent[] {
    const attributes = event.workflowExecutionSignaledEventAttributes;
    if (attributes?.signalName !== WORKFLOW_STREAM_PUBLISH_SIGNAL) return [];
    const input = fromPayload<PublishInput>(attributes.input?.payloads?.[0]);
    if (!input) return [];
    if (input.publisher_id) {
      if (input.sequence <= (this.publisherSequences.get(input.publisher_id) ?? 0)) return [];
      this.publisherSequences.set(input.publisher_id, input.sequence);
    }
    const added: AgentEvent[] = [];
    for (const item of input.items) {
      const seq = this.next++;
      if (item.topic !== EVENTS_TOPIC) continue;
      const data = defaultPayloadConverter.fromPayload<PublishedEvent>(decodePayloadWire(item.data));
      added.push({ ...data, seq });
    }
    return added;
  }

  private addOwnEvents(event: HistoryEvent): AgentEvent[] {
    const field = event.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields?.[EVENTS_MEMO];
    const memo = fromPayload<HistoryEventsMemo>(field ?? undefined);
    if (!memo) return [];
    if (memo.offset !== this.next) {
      this.mismatches++;
      this.next = memo.offset;
    }
    return memo.events.map((data) => ({ ...data, seq: this.next++ }));
  }
}

function isOurPatch(event: HistoryEvent): boolean {
  const attributes = event.markerRecordedEventAttributes;
  if (attributes?.markerName !== PATCH_MARKER) return false;
  const patch = fromPayload<{ id?: string }>(attributes.details?.['patch-data']?.payloads?.[0]);
  return patch?.id === LEAN_HISTORY_PATCH;
}

function fromPayload<T>(payload: temporal.api.common.v1.IPayload | null | undefined): T | undefined {
  if (!payload) return undefined;
  try {
    return defaultPayloadConverter.fromPayload<T>(
      payload as Parameters<typeof defaultPayloadConverter.fromPayload>[0],
    );
  } catch {
    return undefined;
  }
}
