import type { ServerResponse } from 'node:http';
import type { LiveTextLine } from './live-text-wire';

/** A follower's response and how much of the text it has been sent. */
interface Subscriber {
  readonly response: ServerResponse;
  sent: number;
  /** The socket's buffer is full: nothing is written until it drains (then everything new at once). */
  blocked: boolean;
}

/**
 * One attempt's text as the model writes it, and the followers reading it. Writes are coalesced: a
 * follower gets at most one write per `coalesceMs`, with everything new since its last one — so a slow
 * follower costs one pending write, not a queue, and many followers cost the worker little.
 */
export class LiveAttemptText {
  private text = '';
  private ended = false;
  private readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;

  constructor(private readonly coalesceMs: number) {}

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  append(delta: string): void {
    if (this.ended || delta === '') return;
    this.text += delta;
    if (this.subscribers.size === 0 || this.timer) return;
    const wait = this.lastFlush + this.coalesceMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** The attempt is over (completed, failed, stopped): followers get the rest, then their response ends. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.flush();
    for (const subscriber of this.subscribers) subscriber.response.end();
    this.subscribers.clear();
  }

  /** A follower that has the text up to `from`: it gets the rest as it comes. */
  subscribe(response: ServerResponse, from: number): void {
    // A follower ahead of the text (it read the log first) gets only what comes beyond `from`.
    const subscriber: Subscriber = { response, sent: from, blocked: false };
    this.write(subscriber);
    if (this.ended) {
      response.end();
      return;
    }
    this.subscribers.add(subscriber);
    response.on('close', () => this.subscribers.delete(subscriber));
    response.on('drain', () => {
      subscriber.blocked = false;
      this.write(subscriber);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = Date.now();
    for (const subscriber of this.subscribers) this.write(subscriber);
  }

  private write(subscriber: Subscriber): void {
    if (subscriber.blocked || subscriber.sent >= this.text.length) return;
    const line: LiveTextLine = { offset: subscriber.sent, delta: this.text.slice(subscriber.sent) };
    subscriber.sent = this.text.length;
    subscriber.blocked = !subscriber.response.write(`${JSON.stringify(line)}\n`);
  }
}
