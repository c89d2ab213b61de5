import { type ChildProcess, spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { McpStdioServerConfig } from '../../src/mcp/mcp-config';

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

/** server-everything over Streamable HTTP, in its own process on a free port of 127.0.0.1. */
export class EverythingHttpServer {
  private constructor(
    private child: ChildProcess,
    private readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/mcp`;
  }

  static async start(): Promise<EverythingHttpServer> {
    const port = await freePort();
    return new EverythingHttpServer(await launch(port), port);
  }

  /** kill -9, then a new server on the same port: the sessions of the old one are gone. */
  async restart(): Promise<void> {
    await this.stop();
    this.child = await launch(this.port);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [serverScript('mcp-server-everything'), 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + 20_000;
  while (!output.includes(`listening on port ${port}`)) {
    if (child.exitCode !== null) throw new Error(`server-everything (HTTP) exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server-everything (HTTP) did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
