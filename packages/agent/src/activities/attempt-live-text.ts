import type { InvokeModelStreamingInput } from '../common/activity-types';
import { controlEvent, messageEvents, type PublishedEvent, type RunContext } from '../common/events';
import type { LiveTextServer, LiveTextWriter } from '../live/live-text-server';

/** Where one attempt's text is served live, and the event that tells followers (undefined: none needed). */
export interface AttemptLiveText {
  readonly live: LiveTextWriter | undefined;
  readonly announcement: PublishedEvent | undefined;
}

/**
 * Opens an attempt's live text. Its start names where followers read it, between the log's batches, and
 * goes out at once so they are reading there when the first token comes (without live text it goes out
 * with the first token). A fresh call of a format-3 run was announced by its workflow with an address
 * reserved on the worker that scheduled it (`liveReservation`): the call claims it when it runs there and
 * announces nothing; on another worker it tells followers where its text is instead (`live-text-moved`).
 */
export function openAttemptLiveText(
  server: Pick<LiveTextServer, 'open' | 'claim'> | undefined,
  worker: string | undefined,
  call: {
    readonly input: Pick<InvokeModelStreamingInput, 'liveReservation' | 'messageId'>;
    readonly context: RunContext;
    /** The attempt as followers count it, and Temporal's attempt of this activity (1: the call's first). */
    readonly attempt: number;
    readonly activityAttempt: number;
  },
): AttemptLiveText {
  const { input, context, attempt } = call;
  const reserved = call.activityAttempt === 1 ? input.liveReservation : undefined;
  const claimed = reserved && server?.claim(reserved);
  if (claimed) return { live: claimed, announcement: undefined };
  const live = server?.open();
  if (!reserved) {
    const start = messageEvents.start(context, input.messageId, attempt, live?.address, worker);
    return { live, announcement: start };
  }
  if (!live) return { live, announcement: undefined };
  const moved = {
    messageId: input.messageId,
    attempt,
    liveText: live.address,
    ...(worker ? { worker } : {}),
  };
  return { live, announcement: controlEvent(context, 'live-text-moved', moved) };
}
