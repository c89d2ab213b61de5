import type { temporal } from '@temporalio/proto';
import type { ExportedAttempt } from './export-document';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * Which worker ran each activity attempt, read from a run's Temporal history. Temporal records the worker
 * (identity) and times of an activity's last attempt; earlier attempts of a retried one are listed with
 * the failure that ended the one before ("unknown" worker: the history does not name it).
 */
export function attemptWorkers(events: readonly HistoryEvent[]): ExportedAttempt[] {
  const scheduled = new Map<string, ExportedAttempt['activity']>();
  const started = new Map<string, { attempt: number; worker: string; at?: string; lastFailure?: string }>();
  const attempts: ExportedAttempt[] = [];
  for (const event of events) {
    const id = String(event.eventId ?? '');
    const at = timeOf(event);
    const schedule = event.activityTaskScheduledEventAttributes;
    if (schedule) {
      const type = schedule.activityType?.name;
      if (type === 'invokeModelStreaming' || type === 'callTool') scheduled.set(id, type);
      continue;
    }
    const start = event.activityTaskStartedEventAttributes;
    if (start) {
      started.set(String(start.scheduledEventId ?? ''), {
        attempt: start.attempt ?? 1,
        worker: start.identity ?? 'unknown',
        at,
        lastFailure: start.lastFailure?.message ?? undefined,
      });
      continue;
    }
    const ended =
      event.activityTaskCompletedEventAttributes ??
      event.activityTaskFailedEventAttributes ??
      event.activityTaskTimedOutEventAttributes ??
      event.activityTaskCanceledEventAttributes;
    if (!ended) continue;
    const scheduledId = String(ended.scheduledEventId ?? '');
    const activity = scheduled.get(scheduledId);
    const run = started.get(scheduledId);
    if (!activity || !run) continue;
    for (let earlier = 1; earlier < run.attempt; earlier++) {
      const error = earlier === run.attempt - 1 ? run.lastFailure : undefined;
      attempts.push({
        activity,
        attempt: earlier,
        worker: 'unknown',
        outcome: 'failed',
        ...(error ? { error } : {}),
      });
    }
    const failure = 'failure' in ended ? ended.failure?.message : undefined;
    attempts.push({
      activity,
      attempt: run.attempt,
      worker: run.worker,
      outcome: event.activityTaskCompletedEventAttributes ? 'completed' : 'failed',
      ...(run.at ? { startedAt: run.at } : {}),
      ...(at ? { endedAt: at } : {}),
      ...(failure ? { error: failure } : {}),
    });
  }
  return attempts;
}

function timeOf(event: HistoryEvent): string | undefined {
  const time = event.eventTime;
  if (!time?.seconds) return undefined;
  return new Date(Number(time.seconds) * 1000 + Math.floor((time.nanos ?? 0) / 1e6)).toISOString();
}
