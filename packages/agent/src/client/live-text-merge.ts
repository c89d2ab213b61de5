import {
  type AgentEvent,
  asControlEvent,
  EventType,
  isTerminalEvent,
  type LiveTextAddress,
} from '../common/events';
import type { LiveTextLine } from '../live/live-text-wire';
import { type LiveTextSubscription, readLiveText } from './live-text-reader';

/** Opens a live read of an attempt's text (the worker's endpoint by default; tests give their own). */
export type OpenLiveText = typeof readLiveText;

/** The attempt being read live for one message, and how much of its text the reader has been given. */
interface LiveAttempt {
  readonly messageId: string;
  readonly attempt: number;
  readonly subscription: LiveTextSubscription;
  known: number;
}

/**
 * A run's events from its log, with its text read live from the worker between the log's batches: when
 * the log names an attempt's live address (its TEXT_MESSAGE_START), the attempt's text is read from there
 * too, as TEXT_MESSAGE_CONTENT events with `live: true`, `offset`, and the seq of the last log event before
 * them. Live text the reader already has is not repeated; the log's events all come, unchanged (fold with
 * `applyRunEvent`, which joins both by offset). A live read ends at the attempt's end or reset, the run's
 * end, or when the reader stops; any failure of it only ends it.
 */
export async function* withLiveText(
  logEvents: AsyncGenerator<AgentEvent>,
  fromSeq: number,
  open: OpenLiveText = readLiveText,
): AsyncGenerator<AgentEvent> {
  const merge = new LiveTextMerge(fromSeq - 1, open);
  let next: Promise<IteratorResult<AgentEvent>> | undefined;
  try {
    for (;;) {
      for (let event = merge.take(); event; event = merge.take()) yield event;
      next ??= logEvents.next();
      const outcome = await Promise.race([next, merge.arrival()]);
      if (outcome === 'live') continue;
      next = undefined;
      if (outcome.done) return;
      merge.observe(outcome.value);
      yield outcome.value;
      if (isTerminalEvent(outcome.value)) return;
    }
  } finally {
    merge.closeAll();
    // Not awaited: a long poll of the history under way ends by itself; the reader must not wait for it.
    void logEvents.return(undefined).catch(() => undefined);
  }
}

class LiveTextMerge {
  private readonly attempts = new Map<string, LiveAttempt>();
  private readonly arrived: AgentEvent[] = [];
  private wake: (() => void) | undefined;

  constructor(
    private lastSeq: number,
    private readonly open: OpenLiveText,
  ) {}

  /** The next live event waiting, if any. */
  take(): AgentEvent | undefined {
    return this.arrived.shift();
  }

  /** Resolves with 'live' when a live event arrives. */
  arrival(): Promise<'live'> {
    return new Promise((resolve) => {
      this.wake = () => resolve('live');
    });
  }

  /** A log event: starts, advances or ends live reads. */
  observe(event: AgentEvent): void {
    if (event.seq >= 0) this.lastSeq = event.seq;
    const reset = asControlEvent(event);
    if (isTerminalEvent(event)) this.closeAll();
    else if (reset?.name === 'attempt-reset') this.close(reset.value.messageId);
    if (event.messageId === undefined) return;
    const attempt = event.attempt ?? 1;
    switch (event.type) {
      case EventType.TEXT_MESSAGE_START:
        this.close(event.messageId);
        if (event.liveText) this.start(event.messageId, attempt, event.liveText, event);
        return;
      case EventType.TEXT_MESSAGE_CONTENT: {
        const live = this.attempts.get(event.messageId);
        if (live && live.attempt === attempt && event.offset !== undefined)
          live.known = Math.max(live.known, event.offset + event.delta.length);
        return;
      }
      case EventType.TEXT_MESSAGE_END:
        this.close(event.messageId);
        return;
      default:
        return;
    }
  }

  closeAll(): void {
    for (const messageId of [...this.attempts.keys()]) this.close(messageId);
  }

  private start(messageId: string, attempt: number, address: LiveTextAddress, start: AgentEvent): void {
    const context = { runId: start.runId, threadId: start.threadId };
    let live: LiveAttempt | undefined;
    const onText = (line: LiveTextLine) => {
      if (!live || this.attempts.get(messageId) !== live) return;
      const event = this.liveEvent(live, line, context);
      if (!event) return;
      this.arrived.push(event);
      this.wake?.();
    };
    const onEnd = () => {
      if (live && this.attempts.get(messageId) === live) this.attempts.delete(messageId);
    };
    live = { messageId, attempt, known: 0, subscription: this.open(address, 0, onText, onEnd) };
    this.attempts.set(messageId, live);
  }

  /** The part of a live line the reader does not have yet, as an event (undefined when it has it all). */
  private liveEvent(
    live: LiveAttempt,
    line: LiveTextLine,
    context: { runId: string; threadId: string },
  ): AgentEvent | undefined {
    const end = line.offset + line.delta.length;
    if (end <= live.known || line.offset > live.known) return undefined;
    const delta = line.delta.slice(live.known - line.offset);
    const offset = live.known;
    live.known = end;
    return {
      type: EventType.TEXT_MESSAGE_CONTENT,
      messageId: live.messageId,
      attempt: live.attempt,
      delta,
      offset,
      live: true,
      seq: this.lastSeq,
      ...context,
    };
  }

  private close(messageId: string): void {
    const live = this.attempts.get(messageId);
    if (!live) return;
    this.attempts.delete(messageId);
    live.subscription.close();
  }
}
