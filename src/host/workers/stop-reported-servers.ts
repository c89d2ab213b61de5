import type { McpServerStatus } from 'durable-agent';

/**
 * A worker that ended leaves no MCP server behind: each stdio server it last reported running gets
 * SIGTERM — its guard, which stops the server's process group, or (in Electron, where there is no
 * guard) the server itself. Servers the worker closed were reported stopped, without a pid.
 */
export function stopReportedServers(
  statuses: Iterable<McpServerStatus>,
  kill: (pid: number, signal: NodeJS.Signals) => void = process.kill,
): void {
  for (const status of statuses) {
    if (status.pid === undefined || status.state === 'stopped') continue;
    try {
      kill(status.pid, 'SIGTERM');
    } catch {
      // Gone already.
    }
  }
}
