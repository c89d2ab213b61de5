import { temporal } from '@temporalio/proto';

const temporalEnums = temporal.api.enums.v1;

import { connectClient } from './temporal-connection';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payload = temporal.api.common.v1.IPayload;

/** The events of a workflow's history on the shared test server. */
export async function historyEvents(workflowId: string): Promise<HistoryEvent[]> {
  const { client, connection } = await connectClient();
  try {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    return history.events ?? [];
  } finally {
    await connection.close();
  }
}

/** A JSON payload's value. */
export function payloadValue(payload: Payload | null | undefined): unknown {
  return payload?.data ? JSON.parse(Buffer.from(payload.data).toString('utf8')) : undefined;
}

/** The activities a history scheduled, in order: type, summary (Temporal's UI shows it), result, attempt. */
export function scheduledActivities(
  events: readonly HistoryEvent[],
): { type: string; summary: unknown; result: unknown; attempt: number }[] {
  return events.flatMap((event) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (!scheduled) return [];
    const completed = events.find(
      (other) =>
        other.activityTaskCompletedEventAttributes &&
        Number(other.activityTaskCompletedEventAttributes.scheduledEventId) === Number(event.eventId),
    );
    const started = events.find(
      (other) =>
        other.activityTaskStartedEventAttributes &&
        Number(other.activityTaskStartedEventAttributes.scheduledEventId) === Number(event.eventId),
    );
    return [
      {
        type: scheduled.activityType?.name ?? '',
        attempt: started?.activityTaskStartedEventAttributes?.attempt ?? 0,
        summary: payloadValue(event.userMetadata?.summary),
        result: payloadValue(completed?.activityTaskCompletedEventAttributes?.result?.payloads?.[0]),
      },
    ];
  });
}

/** The results of the local activities a history recorded (as markers), in order. */
export function localActivityResults(events: readonly HistoryEvent[]): unknown[] {
  return events.flatMap((event) => {
    const marker = event.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_local_activity') return [];
    return [payloadValue(marker.details?.result?.payloads?.[0])];
  });
}

/** Waits until the workflow has an attempt of `activityType` running (started by a worker). */
export async function waitForRunningActivity(
  workflowId: string,
  activityType: string,
  timeoutMs = 30_000,
): Promise<void> {
  const { client, connection } = await connectClient();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { raw } = await client.workflow.getHandle(workflowId).describe();
      const running = (raw.pendingActivities ?? []).some(
        (activity) =>
          activity.activityType?.name === activityType &&
          String(activity.state) ===
            String(temporalEnums.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED),
      );
      if (running) return;
      if (Date.now() > deadline) throw new Error(`no ${activityType} attempt started within ${timeoutMs}ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await connection.close();
  }
}
