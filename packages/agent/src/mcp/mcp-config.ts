import { z } from 'zod';
import { AgentError } from '../common/errors';

/** How long a tool call may wait for its server's answer unless the server's `timeout` says otherwise. */
export const DEFAULT_MCP_CALL_TIMEOUT_SECONDS = 120;

const common = {
  /** Seconds a tool call may wait for the server's answer (progress notifications restart the clock). */
  timeout: z.number().positive().max(86_400).optional(),
  /** A server switched off: configured but not started (Cline's and the app's `disabled`). */
  disabled: z.boolean().optional(),
};

const stdioServerSchema = z.object({
  type: z.literal('stdio').optional(),
  command: z.string().min(1, 'must be a non-empty command'),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().min(1).optional(),
  ...common,
});

const httpServerSchema = z.object({
  type: z.enum(['http', 'streamable-http', 'streamableHttp']).optional(),
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  headers: z.record(z.string(), z.string()).optional(),
  ...common,
});

/** A server run as a child process that speaks MCP over its stdin and stdout. */
export type McpStdioServerConfig = z.infer<typeof stdioServerSchema>;
/** A server reached over MCP's Streamable HTTP transport. */
export type McpHttpServerConfig = z.infer<typeof httpServerSchema>;
/** One MCP server of an `mcp.json`: a stdio process or a Streamable HTTP URL. */
export type McpServerConfig = McpStdioServerConfig | McpHttpServerConfig;
/** The servers by name: the `mcpServers` object of an `mcp.json` file. */
export type McpServersConfig = Readonly<Record<string, McpServerConfig>>;

const SERVER_NAME = /^[a-zA-Z0-9_.-]{1,40}$/;

/** Typed as a server for callers; checked here, so that each mistake gets its own clear message. */
const serverSchema = z
  .custom<McpServerConfig>(() => true)
  .transform((value: unknown, context): McpServerConfig => {
    const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
    const has = (key: string) => record !== undefined && key in record;
    const type = record && 'type' in record ? record.type : undefined;
    if (type === 'sse') {
      context.addIssue({
        code: 'custom',
        path: ['type'],
        message:
          'the SSE transport is not supported: use the server\'s Streamable HTTP address ("type": "http")',
      });
      return z.NEVER;
    }
    const schema =
      has('command') || type === 'stdio' ? stdioServerSchema : has('url') ? httpServerSchema : undefined;
    if (!schema) {
      context.addIssue({
        code: 'custom',
        message: 'needs "command" (a server started as a process) or "url" (a Streamable HTTP server)',
      });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) context.addIssue({ ...issue, code: 'custom' } as never);
    return z.NEVER;
  });

/** The `mcpServers` object: servers by name. */
export const McpServersSchema = z
  .record(z.string(), serverSchema, {
    error: (issue) =>
      issue.input === undefined
        ? 'missing: an MCP configuration is {"mcpServers": {"<name>": {"command": …} or {"url": …}}}'
        : 'must be an object of servers by name',
  })
  .superRefine((servers, context) => {
    for (const name of Object.keys(servers)) {
      if (!SERVER_NAME.test(name)) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: 'a server name is 1-40 letters, digits, ".", "_" or "-"',
        });
      }
    }
  });

export const McpConfigFileSchema = z.object(
  { mcpServers: McpServersSchema },
  { error: 'must be a JSON object: {"mcpServers": {...}}' },
);

/**
 * Checks the servers of an `mcp.json` (or `AgentWorker.create({ mcpServers })`); an error names each bad
 * field by its path, e.g. `mcpServers.files.command: must be a non-empty command`.
 */
export function parseMcpServers(value: unknown, source: string): McpServersConfig {
  const parsed = McpConfigFileSchema.safeParse({ mcpServers: value });
  if (parsed.success) return parsed.data.mcpServers;
  throw invalidConfig(source, parsed.error);
}

/** Checks a whole `mcp.json` document: `{"mcpServers": {...}}`. */
export function parseMcpConfigFile(value: unknown, source: string): McpServersConfig {
  const parsed = McpConfigFileSchema.safeParse(value);
  if (parsed.success) return parsed.data.mcpServers;
  throw invalidConfig(source, parsed.error);
}

function invalidConfig(source: string, error: z.ZodError): AgentError {
  const fields = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(the document)';
    return `${path}: ${issue.message}`;
  });
  return new AgentError(
    'invalid-options',
    `${source} is not a valid MCP configuration — ${fields.join('; ')}`,
  );
}

/** The enabled servers (those without `"disabled": true`). */
export function enabledServers(servers: McpServersConfig): [string, McpServerConfig][] {
  return Object.entries(servers).filter(([, server]) => server.disabled !== true);
}

/** How a server is started or reached, for messages: the command line, or the URL. */
export function describeServerTarget(server: McpServerConfig): string {
  if ('url' in server) return server.url;
  return [server.command, ...(server.args ?? [])].map(quoteIfNeeded).join(' ');
}

function quoteIfNeeded(part: string): string {
  return /^[\w@%+=:,./-]+$/.test(part) ? part : JSON.stringify(part);
}
