/**
 * MCP servers as the renderer and the host exchange them. The host keeps them in `<dataDir>/mcp.json`
 * (the usual `{"mcpServers": {...}}` file) and gives them to every worker; each worker reports how its
 * servers are doing (`WorkerInfo.mcpServers`).
 */
import type { McpHttpServerConfig, McpServerConfig, McpStdioServerConfig } from 'durable-agent';
import { z } from 'zod';

/** What a server's setting shows of its configuration in the library's `mcp.json` shape, as it is. */
type ShownConfig = Pick<McpStdioServerConfig, 'command' | 'args' | 'cwd'> & Pick<McpHttpServerConfig, 'url'>;

/**
 * A configured server as the renderer sees it. The values of its environment variables and HTTP headers
 * never leave the host (they are often tokens): only their names do.
 */
export interface McpServerSetting extends Readonly<Partial<ShownConfig>> {
  readonly name: string;
  /** Not `disabled` in `mcp.json`. */
  readonly enabled: boolean;
  readonly transport: 'stdio' | 'http';
  readonly envNames?: readonly string[];
  readonly headerNames?: readonly string[];
  /** The server's `timeout` in `mcp.json`. */
  readonly timeoutSeconds?: McpServerConfig['timeout'];
}

/** Sent back for a variable or header whose stored value the renderer never saw: keep the stored value. */
export const KEEP_STORED_VALUE = '••••••••';

const serverName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9_.-]{1,40}$/, 'a server name is 1-40 letters, digits, ".", "_" or "-"');
const text = z.string().max(4096);
const values = z.record(z.string().trim().min(1).max(200), z.string().max(10_000));

/** Adds a server, or replaces `previousName` (which may be renamed). */
export const saveMcpServerSchema = z
  .object({
    previousName: serverName.optional(),
    name: serverName,
    enabled: z.boolean().default(true),
    transport: z.enum(['stdio', 'http']),
    command: text.trim().optional(),
    args: z.array(text).max(100).optional(),
    cwd: text.trim().optional(),
    url: text.trim().optional(),
    env: values.optional(),
    headers: values.optional(),
    timeoutSeconds: z.number().positive().max(86_400).optional(),
  })
  .strict();

export type SaveMcpServerRequest = z.input<typeof saveMcpServerSchema>;

export const mcpServerNameSchema = z.object({ name: serverName }).strict();

export const setMcpServerEnabledSchema = z.object({ name: serverName, enabled: z.boolean() }).strict();
