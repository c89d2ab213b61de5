import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from '../common/error-message';
import { AgentError } from '../common/errors';
import { type McpServersConfig, parseMcpConfigFile } from './mcp-config';

/**
 * Reads an `mcp.json` file (`{"mcpServers": {...}}`, the shape Claude Desktop, Cursor and VS Code use).
 * Every problem is one message naming the file: missing, unreadable, not JSON (with line and column), or
 * not the shape (with the path of each bad field).
 */
export async function readMcpConfigFile(file: string): Promise<McpServersConfig> {
  const shown = path.resolve(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new AgentError('invalid-options', `the MCP configuration ${shown} ${why}`, { cause: error });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AgentError(
      'invalid-options',
      `the MCP configuration ${shown} is not valid JSON: ${describeJsonError(text, error)}`,
      { cause: error },
    );
  }
  return parseMcpConfigFile(document, shown);
}

/** The parser's message, with the line and column when it gives a position. */
function describeJsonError(text: string, error: unknown): string {
  const message = messageOf(error);
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
