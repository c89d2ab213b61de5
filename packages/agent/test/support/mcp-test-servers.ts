import { type ChildProcess, spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { McpStdioServerConfig } from '../../src/mcp/mcp-config';
import { freePort } from './free-port';

const BIN = path.join(__dirname, '..', '..', '..', '..', 'node_modules', '.bin');

/** The script of an MCP server package installed from npm (a devDependency), run with this Node. */
function serverScript(bin: 'mcp-server-everything' | 'mcp-server-filesystem'): string {
  return realpathSync(path.join(BIN, bin));
}

/** `@modelcontextprotocol/server-everything` over stdio: echo, get-sum, get-tiny-image, … */
export function everythingServer(extra: Partial<McpStdioServerConfig> = {}): McpStdioServerConfig {
  return { command: process.execPath, args: [serverScript('mcp-server-everything'), 'stdio'], ...extra };
}

/** `@modelcontextprotocol/server-filesystem` allowed into `folder` only. */
export function filesystemServer(folder: string): McpStdioServerConfig {
  return { command: process.execPath, args: [serverScript('mcp-server-filesystem'), folder] };
}

/** An MCP server that speaks only the 2026-07-28 revision (tool `add`; see the fixture) over stdio. */
export function modernOnlyServer(extra: Partial<McpStdioServerConfig> = {}): McpStdioServerConfig {
  return { command: process.execPath, args: [MODERN_ONLY_SCRIPT, 'stdio'], ...extra };
}

const MODERN_ONLY_SCRIPT = path.join(__dirname, '..', 'fixtures', 'mcp-modern-only-server.cjs');

interface Launch {
  readonly name: string;
  readonly args: (port: number) => string[];
  readonly env?: (port: number) => NodeJS.ProcessEnv;
  readonly ready: (port: number) => string;
}

const EVERYTHING: Launch = {
  name: 'server-everything (HTTP)',
  args: () => [serverScript('mcp-server-everything'), 'streamableHttp'],
  env: (port) => ({ PORT: String(port) }),
  ready: (port) => `listening on port ${port}`,
};

const MODERN_ONLY: Launch = {
  name: 'the 2026-07-28-only server (HTTP)',
  args: (port) => [MODERN_ONLY_SCRIPT, 'http', String(port)],
  ready: (port) => `listening on http://127.0.0.1:${port}/mcp`,
};

/** An MCP server over Streamable HTTP, in its own process on a free port of 127.0.0.1. */
export class McpHttpServer {
  private constructor(
    private child: ChildProcess,
    private readonly port: number,
    private readonly how: Launch,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/mcp`;
  }

  /** server-everything (2025 revisions, sessions). */
  static everything(): Promise<McpHttpServer> {
    return McpHttpServer.start(EVERYTHING);
  }

  /** The 2026-07-28-only server (stateless). */
  static modernOnly(): Promise<McpHttpServer> {
    return McpHttpServer.start(MODERN_ONLY);
  }

  private static async start(how: Launch): Promise<McpHttpServer> {
    const port = await freePort();
    return new McpHttpServer(await launch(how, port), port, how);
  }

  /** kill -9, then a new server on the same port: the sessions of the old one are gone. */
  async restart(): Promise<void> {
    await this.stop();
    this.child = await launch(this.how, this.port);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

async function launch(how: Launch, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, how.args(port), {
    env: { ...process.env, ...how.env?.(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + 20_000;
  while (!output.includes(how.ready(port))) {
    if (child.exitCode !== null) throw new Error(`${how.name} exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${how.name} did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}
