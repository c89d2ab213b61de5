import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpServerConfig } from './mcp-config';
import type { StderrTail } from './stderr-tail';

/**
 * The guard that runs a stdio server in its own process group and stops it when the worker is gone,
 * even by kill -9 (see the script). Shipped in the package's `scripts/`, beside both `src/` and `dist/`.
 */
const STDIO_GUARD = path.resolve(__dirname, '../../scripts/mcp-stdio-guard.cjs');

/** A transport to one server; a stdio server's stderr goes to `stderr`. */
export function createTransport(server: McpServerConfig, stderr: StderrTail): Transport {
  if ('url' in server) {
    return new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: server.headers ? { headers: server.headers } : undefined,
    });
  }
  const guarded = process.platform !== 'win32' && existsSync(STDIO_GUARD);
  const transport = new StdioClientTransport({
    command: guarded ? process.execPath : server.command,
    args: guarded ? [STDIO_GUARD, server.command, ...(server.args ?? [])] : server.args,
    env: {
      ...server.env,
      // An Electron worker's own binary runs the guard as plain Node (the guard drops the variable again).
      ...(guarded && process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}),
    },
    cwd: server.cwd,
    stderr: 'pipe',
  });
  stderr.follow(transport.stderr as Readable | null);
  return transport;
}
