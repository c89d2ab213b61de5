import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Agent } from '../client/agent';
import { checkBearerToken } from '../serve/bearer-token';
import { HttpError, sendError } from '../serve/http-error';
import { checkHostAndOrigin } from '../serve/request-origin';
import { createAgentMcpServer } from './agent-mcp-server';
import type { RunTaskStore } from './run-task-store';

export interface McpHttpHandlerOptions {
  readonly agent: Agent;
  readonly tasks: RunTaskStore;
  /** Require `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** The Host values a request may name (a loopback server refuses others: DNS rebinding). */
  readonly allowedHosts?: () => readonly string[];
  readonly onError?: (error: unknown) => void;
}

/** The path the Streamable HTTP endpoint answers at. */
export const MCP_PATH = '/mcp';

/**
 * Streamable HTTP, stateless: each request gets its own server and transport, no session id. Nothing a
 * client needs lives in this process (tasks are runs in Temporal), so a client keeps working across a
 * restart of the server, with the same task ids.
 */
export function createMcpHttpHandler(options: McpHttpHandlerOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (pathname !== MCP_PATH)
        throw new HttpError(404, 'not-found', `nothing at ${pathname}: MCP is at ${MCP_PATH}`);
      checkHostAndOrigin(request, options.allowedHosts?.(), undefined);
      checkBearerToken(request, options.token);
    } catch (error) {
      if (error instanceof HttpError) sendError(response, error);
      else response.destroy();
      return;
    }
    const server = createAgentMcpServer(options.agent, options.tasks);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request, response);
    } catch (error) {
      options.onError?.(error);
      sendError(response, new HttpError(500, 'internal-error', 'the request failed: see the server log'));
    }
  };
}
