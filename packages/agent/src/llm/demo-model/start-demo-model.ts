import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageOf } from '../../common/error-message';
import { AgentError } from '../../common/errors';
import { handleChatCompletions } from './chat-completions-route';
import { handleControl } from './control-route';
import { createDemoModelState, type DemoModelState } from './demo-model-state';
import {
  DEMO_MINI_MODEL,
  type DemoModel,
  type DemoModelFault,
  type DemoModelOptions,
} from './demo-model-types';
import { describeIssues, faultSchema, paceSchema } from './fault-schema';
import { handleModels } from './models-route';
import { type ErrorResponse, notFound, sendError } from './openai-error';

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && /^(127\.|::1$|::ffff:127\.)/.test(address);
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  state: DemoModelState,
): Promise<void> {
  const signal = abortedWhenClosed(response);
  const path = new URL(request.url ?? '/', 'http://demo-model').pathname.replace(/\/+$/, '');
  const models = /^\/v1\/models(?:\/([^/]+))?$/.exec(path);
  if (request.method === 'GET' && models !== null) {
    return handleModels(models[1] === undefined ? undefined : decodeURIComponent(models[1]), response, state);
  }
  if (request.method === 'POST' && path === '/v1/chat/completions') {
    return handleChatCompletions(request, response, state, signal);
  }
  if (path.startsWith('/__control/') && isLoopback(request.socket.localAddress)) {
    return handleControl(path, request, response, state);
  }
  sendError(response, notFound(request.method ?? 'GET', path));
}

/** A signal that aborts when the response closes: finished, client gone, or connection destroyed. */
function abortedWhenClosed(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => controller.abort());
  return controller.signal;
}

function serverError(error: unknown): ErrorResponse {
  const message = messageOf(error);
  return { status: 500, error: { message, type: 'server_error', param: null, code: null } };
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new AgentError('port-in-use', `port ${port} is already in use`, { cause: error })
          : error,
      );
    });
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function checkedPace(tokensPerSecond: number): number {
  const pace = paceSchema.safeParse(tokensPerSecond);
  if (!pace.success) throw new AgentError('invalid-options', `invalid pace: ${describeIssues(pace.error)}`);
  return pace.data;
}

/** Starts the offline OpenAI-compatible demo model; resolves once it listens. */
export async function startDemoModel(options: DemoModelOptions = {}): Promise<DemoModel> {
  const { port = 0, host = '127.0.0.1', model = 'demo' } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new AgentError('invalid-options', `invalid port: ${port} (expected an integer from 0 to 65535)`);
  }
  const { contextWindow } = options;
  if (contextWindow !== undefined && !(Number.isInteger(contextWindow) && contextWindow > 0)) {
    throw new AgentError(
      'invalid-options',
      `invalid contextWindow: ${contextWindow} (expected a positive integer)`,
    );
  }
  const models = [model, ...(options.moreModels ?? [DEMO_MINI_MODEL]).filter((name) => name !== model)];
  const state = createDemoModelState(models, checkedPace(options.pace ?? 30), contextWindow);
  const server = createServer((request, response) => {
    route(request, response, state).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else sendError(response, serverError(error));
    });
  });
  const address = await listen(server, port, host);
  const baseURL = `http://${urlHost(host)}:${address.port}/v1`;
  let closing: Promise<void> | undefined;

  return {
    baseURL,
    port: address.port,
    get requestCount() {
      return state.requestCount;
    },
    injectFault(fault: DemoModelFault): void {
      const parsed = faultSchema.safeParse(fault);
      if (!parsed.success)
        throw new AgentError('invalid-options', `invalid fault: ${describeIssues(parsed.error)}`);
      state.faults.add(parsed.data);
    },
    setPace(tokensPerSecond: number): void {
      state.pace = checkedPace(tokensPerSecond);
    },
    close(): Promise<void> {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
