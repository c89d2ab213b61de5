import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { LiveTextAddress } from '../common/events';
import { LiveAttemptText } from './live-attempt-text';
import { LIVE_TEXT_MEDIA_TYPE, LIVE_TEXT_PATH } from './live-text-wire';

export interface LiveTextServerOptions {
  /** Interface to listen on; default 127.0.0.1 (followers on this host only). */
  readonly host?: string;
  /** Port; default 0 (a free one). */
  readonly port?: number;
  /** `host:port` followers on other hosts reach this server at (default: the bound host and port). */
  readonly advertisedAddress?: string;
  /** The worker's identity, named in every address it hands out. */
  readonly worker: string;
  /** How long a reserved address waits for its attempt to claim it (default 60 s). */
  readonly reservedKeptMs?: number;
}

/** A follower gets at most one write per this interval per attempt it reads. */
const COALESCE_MS = 25;
/** An ended attempt's text stays readable this long, for followers that arrive late. */
const ENDED_KEPT_MS = 10_000;
/** A reserved address no attempt claimed ends after this long (its attempt ran on another worker, or never). */
const RESERVED_KEPT_MS = 60_000;

/** One attempt's live text, as the model activity writes it. */
export interface LiveTextWriter {
  readonly address: LiveTextAddress;
  /** Someone reads this attempt's text live now. */
  readonly followed: boolean;
  append(delta: string): void;
  end(): void;
}

/**
 * The worker's live text endpoint: a small HTTP server from which followers read an attempt's text as the
 * model writes it (Temporal's history, the truth, gets it in coarse batches). Each attempt is served under
 * an unguessable capability path, named in the attempt's durable TEXT_MESSAGE_START; nothing else is
 * served. Losing this server (a killed worker) costs followers only the live path: they read the log.
 */
export class LiveTextServer {
  private readonly attempts = new Map<string, LiveAttemptText>();
  private readonly endedTimers = new Set<NodeJS.Timeout>();
  /** Capabilities reserved for attempts that have not claimed them yet, and when each reservation ends. */
  private readonly reserved = new Map<string, NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    private readonly baseUrl: string,
    private readonly worker: string,
    private readonly reservedKeptMs: number,
  ) {}

  static async start(options: LiveTextServerOptions): Promise<LiveTextServer> {
    const host = options.host ?? '127.0.0.1';
    const server = createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const address = options.advertisedAddress ?? `${hostForUrl(host)}:${port}`;
    const baseUrl = `http://${address}${LIVE_TEXT_PATH}`;
    const live = new LiveTextServer(
      server,
      baseUrl,
      options.worker,
      options.reservedKeptMs ?? RESERVED_KEPT_MS,
    );
    server.on('request', (request, response) => live.serve(request, response));
    return live;
  }

  /**
   * Reserves an address for an attempt that has not started: followers may read there at once (they wait
   * for its text); `claim` opens it. Unclaimed for `reservedKeptMs`, it ends (followers read the log).
   */
  reserve(): LiveTextAddress {
    const { capability, text } = this.newAttempt();
    const timer = setTimeout(() => {
      this.reserved.delete(capability);
      this.writer(capability, text).end();
    }, this.reservedKeptMs);
    timer.unref();
    this.reserved.set(capability, timer);
    return this.addressOf(capability);
  }

  /** The reserved address's text to write, when it was reserved here and not claimed yet. */
  claim(address: LiveTextAddress): LiveTextWriter | undefined {
    const capability = address.url.startsWith(this.baseUrl) ? address.url.slice(this.baseUrl.length) : '';
    const text = this.attempts.get(capability);
    const timer = this.reserved.get(capability);
    if (!text || !timer) return undefined;
    clearTimeout(timer);
    this.reserved.delete(capability);
    return this.writer(capability, text);
  }

  /** Opens an attempt's text; `end()` it when the attempt ends, however it ends. */
  open(): LiveTextWriter {
    const { capability, text } = this.newAttempt();
    return this.writer(capability, text);
  }

  private newAttempt(): { capability: string; text: LiveAttemptText } {
    const capability = randomBytes(24).toString('base64url');
    const text = new LiveAttemptText(COALESCE_MS);
    this.attempts.set(capability, text);
    return { capability, text };
  }

  private addressOf(capability: string): LiveTextAddress {
    return { url: `${this.baseUrl}${capability}`, worker: this.worker };
  }

  private writer(capability: string, text: LiveAttemptText): LiveTextWriter {
    return {
      address: this.addressOf(capability),
      get followed() {
        return text.subscriberCount > 0;
      },
      append: (delta) => text.append(delta),
      end: () => {
        text.end();
        const timer = setTimeout(() => {
          this.endedTimers.delete(timer);
          this.attempts.delete(capability);
        }, ENDED_KEPT_MS);
        timer.unref();
        this.endedTimers.add(timer);
      },
    };
  }

  /** `http://host:port` as followers reach it. */
  get origin(): string {
    return new URL(this.baseUrl).origin;
  }

  /** Attempts open or recently ended, and their followers (for tests and diagnostics). */
  get stats(): { attempts: number; subscribers: number } {
    let subscribers = 0;
    for (const text of this.attempts.values()) subscribers += text.subscriberCount;
    return { attempts: this.attempts.size, subscribers };
  }

  async close(): Promise<void> {
    for (const timer of [...this.endedTimers, ...this.reserved.values()]) clearTimeout(timer);
    this.reserved.clear();
    this.endedTimers.clear();
    for (const text of this.attempts.values()) text.end();
    this.attempts.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://live');
    const text =
      request.method === 'GET' && url.pathname.startsWith(LIVE_TEXT_PATH)
        ? this.attempts.get(url.pathname.slice(LIVE_TEXT_PATH.length))
        : undefined;
    const from = Number(url.searchParams.get('from') ?? '0');
    if (!text || !Number.isSafeInteger(from) || from < 0) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    response.writeHead(200, { 'Content-Type': LIVE_TEXT_MEDIA_TYPE, 'Cache-Control': 'no-store' });
    response.flushHeaders();
    text.subscribe(response, from);
  }
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return os.hostname();
  return host.includes(':') ? `[${host}]` : host;
}
