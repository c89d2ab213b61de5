import { type AgentEvent, asControlEvent, EventType } from '../common/events';

/**
 * Folds a run's events into the text a reader should show: deltas append to their message, an
 * `attempt-reset` drops the partial text of the attempt it replaces, so a retried attempt never shows
 * duplicated text. Pure: the CLI, the desktop app and tests share it.
 */
export class RunTranscript {
  private readonly texts = new Map<string, string>();
  private readonly order: string[] = [];
  private readonly attempts = new Map<string, number>();
  /** Seq of the last event applied; events at or below it are ignored (safe to replay). */
  lastSeq = -1;

  /**
   * Starts from a saved state — the text of `messageId` at `attempt`, read up to `lastSeq` — so a reader
   * that persisted its progress can resume with `events({ fromSeq: lastSeq + 1 })`.
   */
  restore(saved: { messageId: string; text: string; attempt: number; lastSeq: number }): void {
    if (!this.texts.has(saved.messageId)) this.order.push(saved.messageId);
    this.texts.set(saved.messageId, saved.text);
    this.attempts.set(saved.messageId, saved.attempt);
    this.lastSeq = Math.max(this.lastSeq, saved.lastSeq);
  }

  apply(event: AgentEvent): void {
    if (event.seq >= 0) {
      if (event.seq <= this.lastSeq) return;
      this.lastSeq = event.seq;
    }
    const control = asControlEvent(event);
    if (control?.name === 'attempt-reset') {
      this.texts.set(control.value.messageId, '');
      this.attempts.set(control.value.messageId, control.value.attempt);
      return;
    }
    if (event.type === EventType.TEXT_MESSAGE_START && !this.texts.has(event.messageId)) {
      this.texts.set(event.messageId, '');
      this.order.push(event.messageId);
    }
    if (event.type === EventType.TEXT_MESSAGE_CONTENT) {
      const current = this.attempts.get(event.messageId) ?? 1;
      if ((event.attempt ?? 1) < current) return;
      if (!this.texts.has(event.messageId)) this.order.push(event.messageId);
      this.texts.set(event.messageId, (this.texts.get(event.messageId) ?? '') + event.delta);
    }
  }

  /** The text of one message, or of the last message when no id is given. */
  text(messageId?: string): string {
    const id = messageId ?? this.order.at(-1);
    return id === undefined ? '' : (this.texts.get(id) ?? '');
  }

  messageIds(): readonly string[] {
    return this.order;
  }
}
