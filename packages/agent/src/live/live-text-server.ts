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
}

/** A follower gets at most one write per this interval per attempt it reads. */
const COALESCE_MS = 25;
/** An ended attempt's text stays readable this long, for followers that arrive late. */
const ENDED_KEPT_MS = 10_000;

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

  private constructor(
    private readonly server: Server,
    private readonly baseUrl: string,
    private readonly worker: string,
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
    const live = new LiveTextServer(server, `http://${address}${LIVE_TEXT_PATH}`, options.worker);
    server.on('request', (request, response) => live.serve(request, response));
    return live;
  }

  /** Opens an attempt's text; `end()` it when the attempt ends, however it ends. */
  open(): LiveTextWriter {
    const capability = randomBytes(24).toString('base64url');
    const text = new LiveAttemptText(COALESCE_MS);
    this.attempts.set(capability, text);
    return {
      address: { url: `${this.baseUrl}${capability}`, worker: this.worker },
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
    for (const timer of this.endedTimers) clearTimeout(timer);
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
