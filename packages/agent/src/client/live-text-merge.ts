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

/**
 * While an attempt's text arrives live, the log (its durable copy, in batches) is read again only once the
 * live read ends or has brought nothing for this long: every read of the log is a long poll of the run's
 * history, woken by each event Temporal appends (the batches' signals and their workflow tasks).
 */
export const LIVE_QUIET_MS = 1000;

/** The attempt being read live for one message, and how much of its text the reader has been given. */
interface LiveAttempt {
  readonly messageId: string;
  readonly attempt: number;
  readonly address: LiveTextAddress;
  readonly context: { runId: string; threadId: string };
  /** Undefined until the reader has caught up with the log (a past attempt is never read live). */
  subscription?: LiveTextSubscription;
  known: number;
}

/**
 * A run's events from its log, with its text read live from the worker between the log's batches: when
 * the log names an attempt's live address (its TEXT_MESSAGE_START), the attempt's text is read from there
 * too, as TEXT_MESSAGE_CONTENT events with `live: true`, `offset`, and the seq of the last log event before
 * them. Live text the reader already has is not repeated; the log's events all come, unchanged (fold with
 * `applyRunEvent`, which joins both by offset). A live read begins once the log has nothing more to hand
 * out at once (so reading a finished run, or catching up, opens none), and ends at the attempt's end or
 * reset, the run's end, or when the reader stops; any failure of it only ends it. While text arrives live,
 * the log is not read (see `LIVE_QUIET_MS`): what it would bring meanwhile is the same text, batched.
 */
export async function* withLiveText(
  /** Reads the log from `fromSeq`, handing the events before it that it passes over to `onEarlier`. */
  readLog: (onEarlier: (event: AgentEvent) => void) => AsyncGenerator<AgentEvent>,
  fromSeq: number,
  open: OpenLiveText = readLiveText,
): AsyncGenerator<AgentEvent> {
  const merge = new LiveTextMerge(fromSeq - 1, open);
  // A reader resuming mid-answer learns from the events before `fromSeq` which attempt is under way.
  const logEvents = readLog((event) => merge.observeEarlier(event));
  let next: Promise<IteratorResult<AgentEvent>> | undefined;
  try {
    for (;;) {
      for (let event = merge.take(); event; event = merge.take()) yield event;
      const pause = next ? 0 : merge.logPauseMs(Date.now());
      if (pause > 0) {
        await merge.arrival(pause);
        continue;
      }
      next ??= logEvents.next();
      if (merge.waitingToConnect && (await Promise.race([next, nextTurn()])) === 'next-turn') merge.connect();
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

/** Resolves after the events already due (a log page read, say) have been handed out. */
function nextTurn(): Promise<'next-turn'> {
  return new Promise((resolve) => setImmediate(() => resolve('next-turn')));
}

class LiveTextMerge {
  private readonly attempts = new Map<string, LiveAttempt>();
  private readonly arrived: AgentEvent[] = [];
  private wake: (() => void) | undefined;
  /** When live text last came (0 before any). */
  private lastLiveAt = 0;

  constructor(
    private lastSeq: number,
    private readonly open: OpenLiveText,
  ) {}

  /** The next live event waiting, if any. */
  take(): AgentEvent | undefined {
    return this.arrived.shift();
  }

  /** Resolves with 'live' when a live event arrives or a live read ends (or after `withinMs`, if given). */
  arrival(withinMs?: number): Promise<'live'> {
    if (this.arrived.length > 0) return Promise.resolve('live');
    return new Promise((resolve) => {
      const timer = withinMs === undefined ? undefined : setTimeout(() => this.wake?.(), withinMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve('live');
      };
    });
  }

  /** How long the log's next read waits: while text arrives live, until the read ends or falls quiet. */
  logPauseMs(now: number): number {
    let reading = false;
    for (const live of this.attempts.values()) if (live.subscription) reading = true;
    return reading ? Math.max(0, this.lastLiveAt + LIVE_QUIET_MS - now) : 0;
  }

  /** True when an attempt's live read waits for the reader to catch up with the log. */
  get waitingToConnect(): boolean {
    for (const live of this.attempts.values()) if (!live.subscription) return true;
    return false;
  }

  /** The reader has caught up with the log: the attempts still open are read live from now on. */
  connect(): void {
    for (const live of this.attempts.values()) {
      if (live.subscription) continue;
      this.lastLiveAt = 0; // an earlier attempt's text does not hold the log
      const onText = (line: LiveTextLine) => {
        if (this.attempts.get(live.messageId) !== live) return;
        this.lastLiveAt = Date.now();
        const event = this.liveEvent(live, line);
        if (!event) return;
        this.arrived.push(event);
        this.wake?.();
      };
      const onEnd = () => {
        if (this.attempts.get(live.messageId) === live) this.attempts.delete(live.messageId);
        this.wake?.(); // the log is read again at once
      };
      live.subscription = this.open(live.address, live.known, onText, onEnd);
    }
  }

  /** A log event before the reader's `fromSeq`: observed (it may start a live read), not handed out. */
  observeEarlier(event: AgentEvent): void {
    this.observe(event);
    if (this.waitingToConnect) this.wake?.();
  }

  /** A log event: starts, advances or ends live reads. */
  observe(event: AgentEvent): void {
    if (event.seq >= 0) this.lastSeq = Math.max(this.lastSeq, event.seq);
    const control = asControlEvent(event);
    if (isTerminalEvent(event)) this.closeAll();
    else if (control?.name === 'attempt-reset') this.close(control.value.messageId);
    else if (control?.name === 'live-text-moved') this.moved(control.value, event);
    if (event.messageId === undefined) return;
    const attempt = event.attempt ?? 1;
    switch (event.type) {
      case EventType.TEXT_MESSAGE_START:
        this.close(event.messageId);
        if (event.liveText) this.follow(event.messageId, attempt, event.liveText, event, 0);
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

  /** The attempt's text is read at another address from now on (what the reader has of it stays). */
  private moved(
    value: { messageId: string; attempt: number; liveText: LiveTextAddress },
    event: AgentEvent,
  ): void {
    const known = this.attempts.get(value.messageId);
    if (known && known.attempt !== value.attempt) return;
    this.close(value.messageId);
    this.follow(value.messageId, value.attempt, value.liveText, event, known?.known ?? 0);
  }

  private follow(
    messageId: string,
    attempt: number,
    address: LiveTextAddress,
    context: { runId: string; threadId: string },
    known: number,
  ): void {
    const { runId, threadId } = context;
    this.attempts.set(messageId, { messageId, attempt, address, context: { runId, threadId }, known });
  }

  closeAll(): void {
    for (const messageId of [...this.attempts.keys()]) this.close(messageId);
  }

  /** The part of a live line the reader does not have yet, as an event (undefined when it has it all). */
  private liveEvent(live: LiveAttempt, line: LiveTextLine): AgentEvent | undefined {
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
      ...live.context,
    };
  }

  private close(messageId: string): void {
    const live = this.attempts.get(messageId);
    if (!live) return;
    this.attempts.delete(messageId);
    live.subscription?.close();
  }
}
