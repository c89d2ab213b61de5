import type { IncomingMessage, ServerResponse } from 'node:http';
import { A2A_VERSION_HEADER, AGENT_CARD_PATH, AgentCard } from '@a2a-js/sdk';
import { LegacyJsonRpcTransportHandler } from '@a2a-js/sdk/compat/v0_3/server';
import { JsonRpcTransportHandler, ServerCallContext } from '@a2a-js/sdk/server';
import type { Agent } from '../../client/agent';
import { sendJson } from '../../common/send-json';
import { corsHeaders } from '../cors';
import { admitRequest, answeringErrors, type EndpointAccess, type EndpointHandler } from '../endpoint-access';
import { HttpError } from '../http-error';
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from '../request-body';
import { ThreadRuns } from '../thread-runs';
import { agentCard } from './agent-card';
import { DurableRequestHandler, REQUEST_SIGNAL } from './durable-request-handler';
import { writeJsonRpcStream } from './json-rpc-stream';

/** Options of `createA2aHandler`: like the AG-UI endpoint's (token, CORS, hosts), plus the path. */
export interface A2aHandlerOptions extends EndpointAccess {
  /** The agent whose runs are the tasks. */
  readonly agent: Agent;
  /** The JSON-RPC endpoint's path (default `/a2a`). */
  readonly path?: string;
  readonly keepAliveMs?: number;
  readonly onError?: (error: unknown) => void;
}

/** A Node `(request, response[, next])` handler; requests for other paths go to `next` (or get 404). */
export type A2aHandler = EndpointHandler;

/**
 * A2A 1.0 over JSON-RPC: `POST <path>` (methods `SendMessage`, `SendStreamingMessage`, `GetTask`,
 * `CancelTask`, `SubscribeToTask`; A2A 0.3's `message/send`, `message/stream`, `tasks/get`,
 * `tasks/cancel`, `tasks/resubscribe` when the request says `A2A-Version: 0.3` or no version) and the
 * agent card at `GET /.well-known/agent-card.json`. Host, Origin and the bearer token are checked as for
 * AG-UI; the card needs no token (it names the scheme, never the token). Other paths go to `next`.
 */
export function createA2aHandler(options: A2aHandlerOptions): A2aHandler {
  const basePath = (options.path ?? '/a2a').replace(/\/+$/, '');
  const onError = options.onError ?? ((error: unknown) => console.error('[serve a2a]', error));
  const card = (request: IncomingMessage) =>
    agentCard({
      name: options.agent.name,
      url: `http://${request.headers.host ?? 'localhost'}${basePath}`,
      bearerToken: options.token !== undefined,
    });
  let currentCard = card({ headers: {} } as IncomingMessage);
  const requestHandler = new DurableRequestHandler(
    options.agent,
    new ThreadRuns(options.agent, onError),
    () => currentCard,
  );
  const transport = new JsonRpcTransportHandler(requestHandler);
  const legacyTransport = new LegacyJsonRpcTransportHandler(requestHandler);

  const handle = async (request: IncomingMessage, response: ServerResponse, next?: () => void) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    const isCard = pathname === `/${AGENT_CARD_PATH}`;
    if (!isCard && pathname !== basePath) {
      if (next) return next();
      throw new HttpError(404, 'not-found', `nothing at ${pathname}: the A2A endpoint is POST ${basePath}`);
    }
    if (!admitRequest(request, response, options, { method: isCard ? 'GET' : 'POST', needsToken: !isCard })) {
      return;
    }
    const cors = corsHeaders(request, options.corsOrigin);
    currentCard = card(request);
    if (isCard) return sendJson(response, 200, AgentCard.toJSON(currentCard), cors);
    const body = await readJsonBody(request, DEFAULT_MAX_BODY_BYTES);
    const version = headerOf(request, A2A_VERSION_HEADER);
    const legacy = version === undefined || version === '0.3';
    const closed = new AbortController();
    response.once('close', () => closed.abort());
    const context = new ServerCallContext({
      requestedVersion: version ?? '0.3',
      state: new Map<string, unknown>([[REQUEST_SIGNAL, closed.signal]]),
    });
    const answer = await (legacy ? legacyTransport : transport).handle(
      body as Record<string, unknown>,
      context,
    );
    if (Symbol.asyncIterator in answer) {
      const mapError = legacy
        ? LegacyJsonRpcTransportHandler.mapToLegacyJSONRPCError
        : JsonRpcTransportHandler.mapToJSONRPCError;
      await writeJsonRpcStream(response, answer, {
        id: (body as { id?: string | number | null }).id ?? null,
        headers: cors,
        keepAliveMs: options.keepAliveMs ?? 15_000,
        mapError,
        onError,
      });
      return;
    }
    sendJson(response, 200, answer, cors);
  };

  return answeringErrors(handle, options.corsOrigin, onError);
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
