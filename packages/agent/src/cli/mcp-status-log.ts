import { describeServerStatus, type McpServerStatus } from '../mcp/mcp-status';
import { visibleLine } from './terminal-text';

const TOOLS_SHOWN = 8;

/**
 * The worker's line per change of an MCP server's status (a line that would repeat the last one of that
 * server is skipped):
 *
 *     [mcp] files: connecting to node server.js /tmp
 *     [mcp] files: ready (14 tools, MCP 2025-11-25): files_read_file, files_write_file, … and 6 more
 *     [mcp] broken: failed (mcp-server-x) — the server exited before it answered; its stderr ends with: …
 *     [mcp] files: restarting in 0.5s — the server closed the connection
 */
export class McpStatusLog {
  private readonly last = new Map<string, string>();

  constructor(private readonly print: (line: string) => void) {}

  readonly onStatus = (status: McpServerStatus): void => {
    // A server's stderr can span lines: each is shown, indented under the status line.
    const [first = '', ...more] = describeServerStatus(status).split('\n');
    const line = [
      `[mcp] ${visibleLine(first)}${status.state === 'ready' ? toolList(status) : ''}`,
      ...more.map((each) => `      ${visibleLine(each)}`),
    ].join('\n');
    if (this.last.get(status.name) === line) return;
    this.last.set(status.name, line);
    this.print(line);
  };
}

function toolList({ tools }: McpServerStatus): string {
  if (tools.length === 0) return '';
  const shown = tools.slice(0, TOOLS_SHOWN).map((tool) => tool.name);
  const more = tools.length > TOOLS_SHOWN ? `, … and ${tools.length - TOOLS_SHOWN} more` : '';
  return `: ${shown.join(', ')}${more}`;
}
