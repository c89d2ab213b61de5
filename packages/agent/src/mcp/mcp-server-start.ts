import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool as ServerTool } from '@modelcontextprotocol/sdk/types.js';
import { messageOf } from '../common/error-message';

/** Every tool of a server, page after page. */
export async function listAllTools(client: Client, timeoutMs: number): Promise<ServerTool[]> {
  const tools: ServerTool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined, { timeout: timeoutMs });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
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
