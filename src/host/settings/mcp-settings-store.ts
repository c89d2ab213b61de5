import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type McpServerConfig,
  type McpServersConfig,
  messageOf,
  parseMcpConfigFile,
  parseMcpServers,
} from 'durable-agent';
import type { z } from 'zod';
import { ApiError } from '../../shared/api-error';
import { KEEP_STORED_VALUE, type McpServerSetting, type saveMcpServerSchema } from '../../shared/mcp-models';

type SaveRequest = z.output<typeof saveMcpServerSchema>;

/**
 * The app's MCP servers: `<dataDir>/mcp.json` in the usual `{"mcpServers": {...}}` shape (a disabled server
 * has `"disabled": true`), so the same file works with `durable-agent worker --mcp-config`. A file that
 * cannot be read is reported and left alone until the next save, which first moves it aside.
 */
export class McpSettingsStore {
  private constructor(
    private readonly file: string,
    private servers: Record<string, McpServerConfig>,
    private damaged: boolean,
  ) {}

  static load(dataDir: string, onProblem: (message: string) => void): McpSettingsStore {
    const file = path.join(dataDir, 'mcp.json');
    if (!existsSync(file)) return new McpSettingsStore(file, {}, false);
    try {
      const servers = parseMcpConfigFile(JSON.parse(readFileSync(file, 'utf8')), file);
      return new McpSettingsStore(file, { ...servers }, false);
    } catch (error) {
      const why = messageOf(error);
      onProblem(
        `The MCP servers in ${file} could not be read (${why}). Fix the file, or add servers again in Settings: the next save moves the old file aside.`,
      );
      return new McpSettingsStore(file, {}, true);
    }
  }

  /** What the renderer may see: names of variables and headers, never their values. */
  list(): McpServerSetting[] {
    return Object.entries(this.servers).map(([name, server]) => toSetting(name, server));
  }

  /** The enabled servers, with their secrets, for the workers' environment. */
  workerServers(): McpServersConfig {
    return Object.fromEntries(Object.entries(this.servers).filter(([, server]) => server.disabled !== true));
  }

  /** Adds or replaces a server; refused (with the field) when it is not a valid MCP server. */
  save(request: SaveRequest): McpServerSetting[] {
    const previous = request.previousName === undefined ? undefined : this.servers[request.previousName];
    if (request.previousName !== undefined && !previous) throw notFound(request.previousName);
    if (request.name !== request.previousName && this.servers[request.name]) {
      throw new ApiError('conflict', `there is already an MCP server named "${request.name}"`);
    }
    const server = toConfig(request, previous);
    try {
      parseMcpServers({ [request.name]: server }, 'the MCP server');
    } catch (error) {
      throw new ApiError('invalid-request', messageOf(error));
    }
    const next: Record<string, McpServerConfig> = {};
    for (const [name, each] of Object.entries(this.servers)) {
      if (name === request.previousName) next[request.name] = server;
      else next[name] = each;
    }
    if (request.previousName === undefined) next[request.name] = server;
    this.write(next);
    return this.list();
  }

  remove(name: string): McpServerSetting[] {
    if (!this.servers[name]) throw notFound(name);
    const { [name]: _removed, ...rest } = this.servers;
    this.write(rest);
    return this.list();
  }

  setEnabled(name: string, enabled: boolean): McpServerSetting[] {
    const server = this.servers[name];
    if (!server) throw notFound(name);
    const { disabled: _was, ...rest } = server;
    this.write({ ...this.servers, [name]: enabled ? rest : { ...rest, disabled: true } });
    return this.list();
  }

  private write(servers: Record<string, McpServerConfig>): void {
    if (this.damaged) renameSync(this.file, `${this.file}.damaged-${Date.now()}`);
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ mcpServers: servers }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
    this.servers = servers;
    this.damaged = false;
  }
}

function notFound(name: string): ApiError {
  return new ApiError('not-found', `no MCP server named "${name}"`);
}

function toSetting(name: string, server: McpServerConfig): McpServerSetting {
  const common = {
    name,
    enabled: server.disabled !== true,
    ...(server.timeout === undefined ? {} : { timeoutSeconds: server.timeout }),
  };
  if ('url' in server) {
    return { ...common, transport: 'http', url: server.url, headerNames: Object.keys(server.headers ?? {}) };
  }
  return {
    ...common,
    transport: 'stdio',
    command: server.command,
    args: server.args ?? [],
    ...(server.cwd === undefined ? {} : { cwd: server.cwd }),
    envNames: Object.keys(server.env ?? {}),
  };
}

/** The server to store: `KEEP_STORED_VALUE` stands for the value stored before under that name. */
function toConfig(request: SaveRequest, previous: McpServerConfig | undefined): McpServerConfig {
  const common = {
    ...(request.timeoutSeconds === undefined ? {} : { timeout: request.timeoutSeconds }),
    ...(request.enabled === false ? { disabled: true } : {}),
  };
  if (request.transport === 'http') {
    const stored = previous && 'url' in previous ? previous.headers : undefined;
    const headers = withStoredValues(request.headers, stored, 'header');
    return { url: request.url ?? '', ...(headers ? { headers } : {}), ...common };
  }
  const stored = previous && 'command' in previous ? previous.env : undefined;
  const env = withStoredValues(request.env, stored, 'environment variable');
  return {
    command: request.command ?? '',
    ...(request.args && request.args.length > 0 ? { args: request.args } : {}),
    ...(request.cwd ? { cwd: request.cwd } : {}),
    ...(env ? { env } : {}),
    ...common,
  };
}

function withStoredValues(
  given: Readonly<Record<string, string>> | undefined,
  stored: Readonly<Record<string, string>> | undefined,
  what: string,
): Record<string, string> | undefined {
  if (!given || Object.keys(given).length === 0) return undefined;
  return Object.fromEntries(
    Object.entries(given).map(([name, value]) => {
      if (value !== KEEP_STORED_VALUE) return [name, value];
      const kept = stored?.[name];
      if (kept === undefined)
        throw new ApiError('invalid-request', `the ${what} ${name} has no stored value: enter it`);
      return [name, kept];
    }),
  );
}
