import type { temporal } from '@temporalio/proto';
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

/** The activities a history scheduled, in order: type, summary (Temporal's UI shows it) and result. */
export function scheduledActivities(
  events: readonly HistoryEvent[],
): { type: string; summary: unknown; result: unknown }[] {
  return events.flatMap((event) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (!scheduled) return [];
    const completed = events.find(
      (other) =>
        other.activityTaskCompletedEventAttributes &&
        Number(other.activityTaskCompletedEventAttributes.scheduledEventId) === Number(event.eventId),
    );
    return [
      {
        type: scheduled.activityType?.name ?? '',
        summary: payloadValue(event.userMetadata?.summary),
        result: payloadValue(completed?.activityTaskCompletedEventAttributes?.result?.payloads?.[0]),
      },
    ];
  });
}
