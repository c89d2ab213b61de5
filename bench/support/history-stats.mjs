import proto from '@temporalio/proto';

const { temporal } = proto;

const { EventType } = temporal.api.enums.v1;
const { HistoryEvent } = temporal.api.history.v1;

/** A run's Temporal history: how many events, how many bytes (protobuf), and the events by type. */
export async function historyStats(client, workflowId) {
  const events = [];
  let nextPageToken;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId },
      nextPageToken,
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  const at = (type, nth = 1) => {
    const all = events.filter((event) => event.eventType === type);
    const found = nth === -1 ? all.at(-1) : all[nth - 1];
    if (!found?.eventTime) return undefined;
    return Number(found.eventTime.seconds) * 1000 + Math.floor((found.eventTime.nanos ?? 0) / 1e6);
  };
  const started = at(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
  const since = (time) => (time === undefined || started === undefined ? undefined : time - started);
  // When the first workflow task, the model call and the first published batch happened (ms after start).
  const timeline = {
    firstTaskStarted: since(at(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)),
    firstTaskCompleted: since(at(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)),
    activityStarted: since(at(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)),
    lastActivityStarted: since(at(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, -1)),
    firstBatchSignalled: since(at(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)),
    startedAtMs: started,
  };
  const byType = {};
  let bytes = 0;
  const bytesByType = {};
  for (const event of events) {
    const type = EventType[event.eventType].replace(/^EVENT_TYPE_/, '').toLowerCase();
    const size = HistoryEvent.encode(event).finish().length;
    byType[type] = (byType[type] ?? 0) + 1;
    bytesByType[type] = (bytesByType[type] ?? 0) + size;
    bytes += size;
  }
  return { events: events.length, bytes, byType, bytesByType, timeline };
}
