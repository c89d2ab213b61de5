import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { McpServerConfig } from './mcp-config';
import type { StderrTail } from './stderr-tail';

/**
 * The guard that runs a stdio server in its own process group and stops it when the worker is gone,
 * even by kill -9 (see the script). Shipped in the package's `scripts/`, beside both `src/` and `dist/`.
 * It needs a Node binary: not on Windows (no process groups), and not inside Electron, whose packaged
 * binary cannot run as Node (its runAsNode fuse is off); there the server is started directly and
 * stops when the worker closes it or its stdin ends (the desktop host also stops reported servers of a
 * worker that ended).
 */
const STDIO_GUARD = path.resolve(__dirname, '../../scripts/mcp-stdio-guard.cjs');

/** A transport to one server; a stdio server's stderr goes to `stderr`. */
export function createTransport(server: McpServerConfig, stderr: StderrTail): Transport {
  if ('url' in server) {
    return new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: server.headers ? { headers: server.headers } : undefined,
    });
  }
  const guarded = process.platform !== 'win32' && !process.versions.electron && existsSync(STDIO_GUARD);
  const transport = new StdioClientTransport({
    command: guarded ? process.execPath : server.command,
    args: guarded ? [STDIO_GUARD, server.command, ...(server.args ?? [])] : server.args,
    env: server.env,
    cwd: server.cwd,
    stderr: 'pipe',
  });
  stderr.follow(transport.stderr as Readable | null);
  return transport;
}
