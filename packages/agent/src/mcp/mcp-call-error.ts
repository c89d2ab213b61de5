import { ProtocolError, SdkError, SdkErrorCode, SdkHttpError } from '@modelcontextprotocol/client';
import { messageOf } from '../common/error-message';
import { CodedError } from '../common/errors';

/**
 * Why a call of an MCP tool did not give a result:
 * - `server-unavailable`: the server is restarting or cannot be reached — another attempt may succeed;
 * - `server-exited`: the server died during the call — another attempt (after its restart) may succeed;
 * - `server-failed`: the server could not be started, or the worker is closing it;
 * - `timeout`: the server did not answer in time;
 * - `refused`: the server answered with a protocol error (unknown tool, invalid arguments…);
 * - `too-large`: the server's answer was larger than the MCP SDK reads (the connection closed over it).
 */
export type McpCallErrorCode =
  | 'server-unavailable'
  | 'server-exited'
  | 'server-failed'
  | 'timeout'
  | 'refused'
  | 'too-large';

export class McpCallError extends CodedError<McpCallErrorCode> {
  override readonly name = 'McpCallError';

  /** Another attempt of the call may succeed. */
  get retryable(): boolean {
    return this.code === 'server-unavailable' || this.code === 'server-exited';
  }
}

interface CallSubject {
  readonly name: string;
  readonly callTimeoutSeconds: number;
}

/** Names the server and the tool in every failure of a call, and says what kind it is. */
export function toCallError(error: unknown, server: CallSubject, tool: string, stderr: string): McpCallError {
  if (error instanceof McpCallError) return error;
  const label = `${server.name}.${tool}`;
  const message = messageOf(error);
  if (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed) {
    const said = stderr ? ` (its last words: ${stderr})` : '';
    return new McpCallError(
      'server-exited',
      `the MCP server "${server.name}" exited during the call of ${tool}${said}`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    return new McpCallError(
      'timeout',
      `${label} did not answer within ${server.callTimeoutSeconds}s (the server's "timeout" in the MCP configuration)`,
      { cause: error },
    );
  }
  if (refused(error)) return new McpCallError('refused', `${label}: ${message}`, { cause: error });
  // fetch failures, HTTP errors of the Streamable HTTP transport, a closed pipe: the server is not there.
  return new McpCallError(
    'server-unavailable',
    `the MCP server "${server.name}" cannot be reached for ${tool}: ${message}`,
    {
      cause: error,
    },
  );
}

/** The server answered, and the answer says no: a JSON-RPC error, or a result the SDK cannot accept. */
function refused(error: unknown): boolean {
  if (error instanceof ProtocolError) return true;
  if (!(error instanceof SdkError) || error instanceof SdkHttpError) return false;
  return error.code !== SdkErrorCode.NotConnected && error.code !== SdkErrorCode.SendFailed;
}
