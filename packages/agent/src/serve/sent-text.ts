/** The text of one message's current attempt: how much the client has, and how much the log has. */
interface MessageText {
  sent: number;
  logged: number;
}

/**
 * What an SSE client has of each message's text, so that text read live and the log's own repeat of it
 * reach the client once: a delta (live or logged) goes out only beyond what was sent. Offsets are the
 * events' `offset`s in the attempt's text; a delta without one (runs recorded before offsets) goes out whole.
 */
export class SentText {
  private readonly messages = new Map<string, MessageText>();

  /** A new attempt of the message starts: the client has none of its text. */
  restart(messageId: string): void {
    this.messages.set(messageId, { sent: 0, logged: 0 });
  }

  forget(messageId: string): void {
    this.messages.delete(messageId);
  }

  /**
   * The part of a delta the client does not have yet (undefined when it has all of it, or when a live
   * delta starts past what it has: the log fills such a gap); records it as sent.
   */
  beyondSent(
    messageId: string,
    delta: { readonly delta: string; readonly offset?: number; readonly live?: true },
  ): string | undefined {
    const text = this.messages.get(messageId) ?? { sent: 0, logged: 0 };
    this.messages.set(messageId, text);
    if (delta.offset === undefined) {
      text.sent += delta.delta.length;
      text.logged += delta.delta.length;
      return delta.delta;
    }
    const end = delta.offset + delta.delta.length;
    if (!delta.live) text.logged = Math.max(text.logged, end);
    if (end <= text.sent || (delta.live && delta.offset > text.sent)) return undefined;
    const beyond = delta.delta.slice(Math.max(0, text.sent - delta.offset));
    text.sent = end;
    return beyond;
  }

  /** The client resumes with this much of the message (its Last-Event-ID said so). */
  resumeAt(messageId: string, characters: number): void {
    const text = this.messages.get(messageId) ?? { sent: 0, logged: 0 };
    text.sent = Math.max(text.sent, characters);
    this.messages.set(messageId, text);
  }

  /** How much of the message the client has, when that is more than the log has (else undefined). */
  aheadOfLog(messageId: string): number | undefined {
    const text = this.messages.get(messageId);
    return text && text.sent > text.logged ? text.sent : undefined;
  }
}
