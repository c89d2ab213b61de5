import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Agent } from '../client/agent';
import { cancelRun } from './cancel-run';
import { corsHeaders } from './cors';
import { admitRequest, answeringErrors, type EndpointAccess } from './endpoint-access';
import { parsePosition } from './event-position';
import { HttpError } from './http-error';
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from './request-body';
import { resumeRun } from './resume-run';
import { parseRunRequest, type RunRequest } from './run-request';
import { startOrAttach } from './start-run';
import { type StreamTarget, streamRun } from './stream-run';
import { ThreadRuns } from './thread-runs';

/** Streams open at once by default: each holds a reader of its run; a flood gets 503, not the memory. */
export const DEFAULT_MAX_STREAMS = 100;

/** Options of `createAgUiHandler`: the agent, who may use it (token, CORS origins, hosts) and the path. */
export interface AgUiHandlerOptions extends EndpointAccess {
  /** The agent whose runs are served; give it a `conversations` store so a thread continues over runs. */
  readonly agent: Agent;
  /** Most streams open at once (default 100): more get 503 with Retry-After. */
  readonly maxStreams?: number;
  /** The endpoint's path (default `/agent`); a run is cancelled with `POST <path>/runs/<runId>/cancel`. */
  readonly path?: string;
  /** Largest request body in bytes (default 1 MB): larger ones get 413. */
  readonly maxBodyBytes?: number;
  /** A keep-alive comment goes out after this long without an event (default 15 s). */
  readonly keepAliveMs?: number;
  /** Told about failures that are not the client's (default: `console.error`). */
  readonly onError?: (error: unknown) => void;
}

/** A Node `(request, response[, next])` handler; requests for other paths go to `next` (or get 404). */
export interface AgUiHandler {
  (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void): void;
  /** Resolves once the runs this handler started have ended and been stored. */
  drain(): Promise<void>;
}

/**
 * The AG-UI endpoint: `POST <path>` takes a `RunAgentInput` and streams the run as AG-UI events (SSE, or
 * protobuf when asked); mount it in any Node HTTP server. See the README for the mapping.
 */
export function createAgUiHandler(options: AgUiHandlerOptions): AgUiHandler {
  const basePath = (options.path ?? '/agent').replace(/\/+$/, '');
  const onError = options.onError ?? ((error: unknown) => console.error('[serve]', error));
  const threads = new ThreadRuns(options.agent, onError);
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const maxStreams = options.maxStreams ?? DEFAULT_MAX_STREAMS;
  let openStreams = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse, next?: () => void) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    const cancelMatch = pathname.startsWith(`${basePath}/runs/`)
      ? /^\/([^/]+)\/cancel$/.exec(pathname.slice(`${basePath}/runs`.length))
      : null;
    if (pathname !== basePath && !cancelMatch) {
      if (next) return next();
      throw new HttpError(404, 'not-found', `nothing at ${pathname}: the AG-UI endpoint is POST ${basePath}`);
    }
    if (!admitRequest(request, response, options, { method: 'POST' })) return;
    if (cancelMatch) {
      const runId = decodedSegment(cancelMatch[1]!);
      const body = await cancelRun(options.agent, threads, request, runId, options.token !== undefined);
      response.writeHead(202, {
        ...corsHeaders(request, options.corsOrigin),
        'Content-Type': 'application/json',
      });
      response.end(JSON.stringify(body));
      return;
    }
    const runRequest = parseRunRequest(
      await readJsonBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
    );
    const lastEventId = request.headers['last-event-id'];
    const resumeAfter = typeof lastEventId === 'string' ? parsePosition(lastEventId) : undefined;
    if (typeof lastEventId === 'string' && !resumeAfter) {
      throw new HttpError(
        400,
        'invalid-input',
        `Last-Event-ID "${lastEventId.slice(0, 40)}" is not an id this server sent`,
      );
    }
    if (openStreams >= maxStreams) {
      throw new HttpError(
        503,
        'too-many-streams',
        `this server already streams ${maxStreams} runs at once: try again shortly`,
        { 'Retry-After': '5' },
      );
    }
    openStreams += 1;
    try {
      const target = await streamTarget(options.agent, threads, runRequest);
      await streamRun(request, response, {
        runRequest,
        target,
        resumeAfter,
        threads,
        headers: corsHeaders(request, options.corsOrigin),
        keepAliveMs,
      });
    } finally {
      openStreams -= 1;
    }
  };

  return Object.assign(answeringErrors(handle, options.corsOrigin, onError), {
    drain: () => threads.drain(),
  });
}

/** A path segment as sent, decoded: a bad escape (`%zz`) is the client's mistake, 400. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'invalid-input', `"${segment.slice(0, 100)}" is not a valid URL path segment`);
  }
}

async function streamTarget(
  agent: Agent,
  threads: ThreadRuns,
  runRequest: RunRequest,
): Promise<StreamTarget> {
  if (runRequest.resume.length > 0) {
    const resumed = await resumeRun(agent, threads, runRequest.threadId, runRequest.resume);
    return { run: resumed.run, durableRunId: resumed.durableRunId, segmentStart: resumed.approvalSeq };
  }
  const run = await startOrAttach(agent, threads, runRequest);
  return { run, durableRunId: runRequest.runId, segmentStart: 0 };
}
