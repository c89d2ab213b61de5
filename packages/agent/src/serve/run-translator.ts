import { type BaseEvent, EventType, type Message } from '@ag-ui/core';
import { type AgentEvent, asControlEvent } from '../common/events';
import { applyRunEvent, isReplaced } from '../runs/apply-run-event';
import { EMPTY_RUN_VIEW, type RunView } from '../runs/run-view';
import { agUi, customEvent, streamEvent } from './agui-events';
import { type EventPosition, formatPosition, isAfter } from './event-position';
import { approvalInterrupt } from './interrupts';
import { isMessageOfRun } from './message-ids';
import { SentText } from './sent-text';
import { snapshotMessages } from './snapshot-messages';

/** An AG-UI event ready for the wire, with its SSE id. */
export interface OutgoingEvent {
  readonly id: string;
  readonly event: BaseEvent;
}

export interface TranslatorOptions {
  readonly threadId: string;
  /** The AG-UI run id of the request (RUN_STARTED/RUN_FINISHED carry it). */
  readonly runId: string;
  /** The durable run whose log is read. */
  readonly durableRunId: string;
  /** The messages the client sent: kept in every MESSAGES_SNAPSHOT. */
  readonly base: readonly Message[];
  /** Log events up to this seq are read silently: 0 for a new run, the approval's seq for a resume. */
  readonly segmentStart: number;
  /** Last-Event-ID: only events after it go out. */
  readonly resumeAfter?: EventPosition;
}

/**
 * Turns a durable run's events (read from seq 0) into the AG-UI events of one AG-UI run, for stock
 * clients: per-attempt message ids and a MESSAGES_SNAPSHOT that drops an abandoned attempt, approvals as
 * interrupts that end the AG-UI run, our control events as clean CUSTOM events. The view comes from the
 * library's one reducer (`applyRunEvent`). Text read live from the worker goes out as it comes; the log's
 * own copy of it does not go out again (`SentText`), and ids say how much text the client has, so a
 * `Last-Event-ID` resumes exactly.
 */
export class RunTranslator {
  private view: RunView = EMPTY_RUN_VIEW;
  private base: readonly Message[];
  /** Open AG-UI messages by durable message id, and open tool calls with their durable message id. */
  private readonly openMessages = new Map<string, string>();
  private readonly openToolCalls = new Map<string, string>();
  private readonly startedMessages = new Set<string>();
  private readonly sentText = new SentText();
  /** The Last-Event-ID's characters of the open message, until the log reaches its seq. */
  private pendingResume: EventPosition | undefined;
  private position: EventPosition;
  private windowOpen = false;
  private endedFlag = false;

  constructor(private readonly options: TranslatorOptions) {
    this.base = options.base;
    this.position = { seq: options.segmentStart, part: Number.POSITIVE_INFINITY };
    this.pendingResume = options.resumeAfter;
  }

  /** True once the AG-UI run has ended (RUN_FINISHED, an interrupt, or RUN_ERROR). */
  get ended(): boolean {
    return this.endedFlag;
  }

  /** The run as shown so far (the one reducer's view). */
  get runView(): RunView {
    return this.view;
  }

  /** The id of the position reached: what a resume after an error not from the log should start from. */
  get currentId(): string {
    return formatPosition(this.position);
  }

  /** The opening RUN_STARTED, unless the client resumes after it (then it has it). */
  start(): OutgoingEvent[] {
    if (!isAfter(this.position, this.options.resumeAfter)) return [];
    return [
      {
        id: formatPosition(this.position),
        event: agUi.runStarted(this.options.threadId, this.options.runId),
      },
    ];
  }

  push(event: AgentEvent): OutgoingEvent[] {
    if (this.endedFlag) return [];
    if (event.live) return this.pushLive(event);
    const local = event.seq < 0;
    if (!local && event.seq <= this.view.lastSeq) return [];
    if (!local && this.pendingResume && event.seq > this.pendingResume.seq) this.resumeText();
    const inWindow = local || event.seq > this.options.segmentStart;
    const opening = inWindow && !local && !this.windowOpen ? this.openWindow() : [];
    const before = this.view;
    this.view = applyRunEvent(before, event);
    const parts = inWindow ? this.translate(event, before) : this.track(event, before);
    if (local) return this.localOutput(event, parts, opening);
    const characters = this.textAheadOfLog();
    const outgoing = parts.map((part, index) => ({
      position: {
        seq: event.seq,
        part: index === parts.length - 1 ? Number.POSITIVE_INFINITY : index + 1,
        ...(characters === undefined ? {} : { characters }),
      },
      event: part,
    }));
    this.position = {
      seq: event.seq,
      part: Number.POSITIVE_INFINITY,
      ...(characters === undefined ? {} : { characters }),
    };
    if (this.pendingResume && event.seq === this.pendingResume.seq) this.resumeText();
    return [
      ...opening,
      ...outgoing
        .filter(({ position }) => isAfter(position, this.options.resumeAfter))
        .map(({ position, event: part }) => ({ id: formatPosition(position), event: part })),
    ];
  }

  /**
   * Text read live: what the client does not have of the open message's current attempt goes out at once,
   * with an id that says how much of that text the client then has. Nothing before the client's resume
   * point or outside this AG-UI run's window.
   */
  private pushLive(event: AgentEvent): OutgoingEvent[] {
    if (!this.windowOpen || this.pendingResume || event.type !== EventType.TEXT_MESSAGE_CONTENT) return [];
    this.view = applyRunEvent(this.view, event);
    const open = this.openMessages.get(event.messageId);
    const message = this.view.messages.find((each) => each.messageId === event.messageId);
    if (open === undefined || message?.attempt !== event.attempt) return [];
    const delta = this.sentText.beyondSent(event.messageId, event);
    if (delta === undefined) return [];
    this.position = {
      seq: this.view.lastSeq,
      part: Number.POSITIVE_INFINITY,
      characters: event.offset! + event.delta.length,
    };
    return [{ id: formatPosition(this.position), event: agUi.messageContent(open, delta) }];
  }

  /** The log reached the client's Last-Event-ID: the client has this much of the open message. */
  private resumeText(): void {
    const characters = this.pendingResume?.characters;
    this.pendingResume = undefined;
    const open = [...this.openMessages.keys()].at(-1);
    if (characters !== undefined && open !== undefined) this.sentText.resumeAt(open, characters);
  }

  /** How much text of the open message the client has, when it has more than the log (from live text). */
  private textAheadOfLog(): number | undefined {
    const open = [...this.openMessages.keys()].at(-1);
    return open === undefined ? undefined : this.sentText.aheadOfLog(open);
  }

  /** A local event (not in the log): a terminal one sits after the log's last event. */
  private localOutput(event: AgentEvent, parts: BaseEvent[], opening: OutgoingEvent[]): OutgoingEvent[] {
    const terminal = event.type === EventType.RUN_FINISHED || event.type === EventType.RUN_ERROR;
    const position = terminal
      ? { seq: this.view.lastSeq + 1, part: Number.POSITIVE_INFINITY }
      : this.position;
    if (terminal && !isAfter(position, this.options.resumeAfter)) return opening;
    return [...opening, ...parts.map((part) => ({ id: formatPosition(position), event: part }))];
  }

  /**
   * On a fresh request, messages of this run the client still holds from an earlier connection (a partial
   * answer) are dropped with a snapshot first, so the replay does not add to them.
   */
  private openWindow(): OutgoingEvent[] {
    this.windowOpen = true;
    if (this.options.resumeAfter !== undefined) return [];
    const known = new Set(snapshotMessages([], this.view).map((message) => message.id));
    const stale = this.base.filter(
      (message) => isMessageOfRun(message.id, this.options.durableRunId) && !known.has(message.id),
    );
    if (stale.length === 0) return [];
    this.base = this.base.filter((message) => !stale.includes(message));
    return [
      { id: formatPosition(this.position), event: agUi.snapshot(snapshotMessages(this.base, this.view)) },
    ];
  }

  /** Keeps the open messages and tool calls right while events are read silently. */
  private track(event: AgentEvent, before: RunView): BaseEvent[] {
    this.translate(event, before);
    return [];
  }

  private translate(event: AgentEvent, before: RunView): BaseEvent[] {
    const control = asControlEvent(event);
    if (control?.name === 'attempt-reset') return this.reset(control.value.messageId, event);
    if (control?.name === 'approval-request') {
      if (event.seq <= this.options.segmentStart && event.seq >= 0) return [];
      this.endedFlag = true;
      const interrupt = approvalInterrupt(this.options.durableRunId, control.value);
      return [
        customEvent(event)!,
        ...this.closeOpen(),
        agUi.interrupted(this.options.threadId, this.options.runId, [interrupt]),
      ];
    }
    if (control) return [customEvent(event)!];
    if (isReplaced(before, event)) return [];
    switch (event.type) {
      case EventType.RUN_STARTED:
        return [];
      case EventType.RUN_FINISHED:
        return [...this.closeOpen(), this.finished(event.result)];
      case EventType.RUN_ERROR:
        this.endedFlag = true;
        return [agUi.runError(event.message, event.code)];
      default:
        return this.streamed(event);
    }
  }

  private streamed(event: AgentEvent): BaseEvent[] {
    const translated = streamEvent(event);
    if (!translated) return [];
    const { messageId, toolCallId } = translated as { messageId?: string; toolCallId?: string };
    if (event.type === EventType.TEXT_MESSAGE_START && event.messageId && messageId) {
      this.openMessages.set(event.messageId, messageId);
      this.startedMessages.add(event.messageId);
      this.sentText.restart(event.messageId);
    }
    if (event.type === EventType.TEXT_MESSAGE_CONTENT && messageId) {
      const delta = this.sentText.beyondSent(event.messageId, event);
      return delta === undefined ? [] : [agUi.messageContent(messageId, delta)];
    }
    if (event.type === EventType.TEXT_MESSAGE_END && event.messageId)
      this.openMessages.delete(event.messageId);
    if (event.type === EventType.TOOL_CALL_START && toolCallId)
      this.openToolCalls.set(toolCallId, event.messageId ?? '');
    if (event.type === EventType.TOOL_CALL_END && toolCallId) this.openToolCalls.delete(toolCallId);
    return [translated];
  }

  /** A retried attempt: end what the abandoned one left open, drop it with a snapshot, say why. */
  private reset(messageId: string, event: AgentEvent): BaseEvent[] {
    const parts: BaseEvent[] = [];
    for (const [toolCallId, owner] of this.openToolCalls) {
      if (owner !== messageId) continue;
      parts.push(agUi.toolCallEnd(toolCallId));
      this.openToolCalls.delete(toolCallId);
    }
    const open = this.openMessages.get(messageId);
    if (open !== undefined) parts.push(agUi.messageEnd(open));
    this.openMessages.delete(messageId);
    this.sentText.forget(messageId);
    if (this.startedMessages.has(messageId)) {
      parts.push(agUi.snapshot(snapshotMessages(this.base, this.view, messageId)));
    }
    return [...parts, customEvent(event)!];
  }

  private closeOpen(): BaseEvent[] {
    const parts = [
      ...[...this.openToolCalls.keys()].map((toolCallId) => agUi.toolCallEnd(toolCallId)),
      ...[...this.openMessages.values()].map((messageId) => agUi.messageEnd(messageId)),
    ];
    this.openToolCalls.clear();
    this.openMessages.clear();
    return parts;
  }

  /** RUN_FINISHED: a Stop is the `cancelled` outcome; tool calls left for the client are named. */
  private finished(result: unknown): BaseEvent {
    this.endedFlag = true;
    const { threadId, runId } = this.options;
    if ((result as { status?: string } | undefined)?.status === 'cancelled') {
      return agUi.runFinished(threadId, runId, result, { type: 'cancelled' });
    }
    const pending = this.view.toolCalls.filter((call) => call.result === undefined).map((call) => call.id);
    return agUi.runFinished(
      threadId,
      runId,
      result,
      pending.length > 0 ? { type: 'success', pendingToolCallIds: pending } : undefined,
    );
  }
}
