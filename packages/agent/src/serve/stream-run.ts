import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentRun } from '../client/agent-run';
import { messageOf } from '../common/error-message';
import { isTerminalEvent } from '../common/events';
import type { FollowState } from '../runs/follow-options';
import { LostWorkerWatch } from '../runs/lost-worker-watch';
import { agUi } from './agui-events';
import type { EventPosition } from './event-position';
import { EventStreamWriter } from './event-stream-writer';
import type { RunRequest } from './run-request';
import { RunTranslator } from './run-translator';
import type { ThreadRuns } from './thread-runs';

export interface StreamTarget {
  readonly run: AgentRun;
  readonly durableRunId: string;
  /** Log events up to this seq were shown by an earlier AG-UI run (0 for a new one). */
  readonly segmentStart: number;
}

/**
 * Streams one AG-UI run of a durable run to the response, until RUN_FINISHED, an interrupt or RUN_ERROR.
 * Closing the connection stops only this view: the run goes on. The run's end is written only after its
 * messages are in the conversation, so the client's next request finds them. While the run's worker is
 * lost and nobody supervises it, a CUSTOM `follow-state` event counts down to Temporal's heartbeat timeout
 * (the same watch and words as the CLI and the app).
 */
export async function streamRun(
  request: IncomingMessage,
  response: ServerResponse,
  options: {
    readonly runRequest: RunRequest;
    readonly target: StreamTarget;
    readonly resumeAfter: EventPosition | undefined;
    readonly threads: ThreadRuns;
    readonly headers: Readonly<Record<string, string>>;
    readonly keepAliveMs: number;
  },
): Promise<void> {
  const { runRequest, target, threads } = options;
  const translator = new RunTranslator({
    threadId: runRequest.threadId,
    runId: runRequest.runId,
    durableRunId: target.durableRunId,
    base: runRequest.messages,
    segmentStart: target.segmentStart,
    resumeAfter: options.resumeAfter,
  });
  const writer = new EventStreamWriter(
    response,
    request.headers.accept,
    options.headers,
    options.keepAliveMs,
  );
  const closed = new Promise<'closed'>((resolve) => response.once('close', () => resolve('closed')));
  const reading = new AbortController(); // a client gone: its reader of Temporal stops too
  response.once('close', () => reading.abort());
  const events = target.run.events({ signal: reading.signal })[Symbol.asyncIterator]();
  let connected = true;
  let waitingForWorker = false;
  const tell = (state: FollowState) => {
    waitingForWorker = state.kind === 'worker-lost';
    void writer.write([{ id: translator.currentId, event: agUi.followState(state) }]);
  };
  const watch = new LostWorkerWatch(target.run, () => translator.runView, tell);
  try {
    await writer.write(translator.start());
    while (!translator.ended) {
      const next = await Promise.race([events.next(), closed]);
      if (next === 'closed') {
        connected = false;
        break;
      }
      if (next.done) break;
      watch.eventArrived();
      if (waitingForWorker) tell({ kind: 'live' });
      const outgoing = translator.push(next.value);
      if (translator.ended && isTerminalEvent(next.value)) {
        await threads.track(runRequest.threadId, target.run);
      }
      await writer.write(outgoing);
    }
    if (connected && !translator.ended) {
      await writer.write([
        {
          id: translator.currentId,
          event: agUi.runError(
            "the run's events ended without its ending; POST the same request again to re-attach",
            'stream-ended',
          ),
        },
      ]);
    }
  } catch (error) {
    const message = messageOf(error);
    await writer.write([
      {
        id: translator.currentId,
        event: agUi.runError(
          `reading the run failed (${message}); the run goes on: POST the same request again to re-attach`,
          'stream-interrupted',
        ),
      },
    ]);
  } finally {
    watch.stop();
    void events.return?.(undefined).catch(() => undefined);
    writer.end();
  }
}
