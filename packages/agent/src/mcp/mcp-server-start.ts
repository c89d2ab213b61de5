import type { Client, Tool as ServerTool } from '@modelcontextprotocol/client';
import { messageOf } from '../common/error-message';

/** Every tool of a server: the SDK walks the pages when no cursor is given. */
export async function listAllTools(client: Client, timeoutMs: number): Promise<ServerTool[]> {
  return (await client.listTools(undefined, { timeout: timeoutMs })).tools;
}

/** Why a server did not start: what happened, and the end of what it wrote to stderr. */
export function describeStartFailure(error: unknown, stderr: string, timeoutMs: number): string {
  const message = messageOf(error);
  const what = /Connection closed/i.test(message)
    ? 'the server exited before it answered'
    : /timed out|RequestTimeout|-32001/i.test(message)
      ? `the server did not answer within ${Math.round(timeoutMs / 1000)}s`
      : message;
  return stderr ? `${what}; its stderr ends with: ${stderr}` : what;
}
