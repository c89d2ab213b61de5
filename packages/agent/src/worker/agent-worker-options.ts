import { z } from 'zod';
import type { ActivityEvent } from '../activities/dependencies';
import { DEFAULT_TASK_QUEUE } from '../common/names';
import type { ModelProvider } from '../llm/model-provider';
import { McpServersSchema } from '../mcp/mcp-config';
import type { McpServerStatus } from '../mcp/mcp-status';
import { durationSchema } from '../temporal/duration-schema';
import { TemporalOptionsSchema } from '../temporal/temporal-options';
import { type AgentTool, isAgentTool } from '../tools/define-agent-tool';
import type { Tool } from '../tools/define-tool';

const modelSchema = z.custom<ModelProvider>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as ModelProvider).stream === 'function',
  'must be a model provider such as openAICompatible({ baseURL, model })',
);

export const AgentWorkerOptionsSchema = z.object({
  name: z.string().regex(/^[^/\s]+$/, 'must be a non-empty name without spaces or "/"'),
  instructions: z.string().optional(),
  taskQueue: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  temporal: TemporalOptionsSchema,
  model: z.union([modelSchema, z.array(modelSchema).min(1)]),
  tools: z
    .array(
      z.custom<Tool>(
        (value) => typeof value === 'object' && value !== null && 'jsonSchema' in value,
        'must be made with defineTool',
      ),
    )
    .default([]),
  /** Agents the model may delegate to: each call runs as a child workflow (see `defineAgentTool`). */
  agents: z
    .array(z.custom<AgentTool>((value) => isAgentTool(value), 'must be made with defineAgentTool'))
    .default([]),
  /** A model stream silent this long is abandoned and retried. */
  modelIdleTimeout: durationSchema.default(60_000),
  /** How soon a run's workflow tasks leave a worker that vanished (kill -9) for another one. */
  stickyQueueTimeout: durationSchema.default(3000),
  maxConcurrentRuns: z.number().int().positive().default(100),
  identity: z.string().optional(),
  /** The Temporal SDK's log level for this process (the first worker created decides); default ERROR. */
  sdkLogLevel: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('ERROR'),
  onActivity: z.custom<(event: ActivityEvent) => void>((value) => typeof value === 'function').optional(),
  /**
   * MCP servers whose tools the worker offers: the `mcpServers` object of an `mcp.json` (stdio servers
   * by `command`, Streamable HTTP servers by `url`). Started with the worker, closed with it.
   */
  mcpServers: McpServersSchema.default({}),
  /**
   * The worker's live text endpoint, from which followers read answers as the model writes them (the log
   * gets text in batches): bound to 127.0.0.1 on a free port by default; `advertisedAddress` (host:port)
   * is what followers on other hosts connect to when `host` is another interface; `false` turns it off
   * (followers then read text from the run's history only).
   */
  liveText: z
    .union([
      z.literal(false),
      z.object({
        host: z.string().min(1).optional(),
        port: z.number().int().min(0).max(65_535).optional(),
        advertisedAddress: z
          .string()
          .regex(/^[^\s/:]+:\d+$|^\[[0-9a-fA-F:.]+\]:\d+$/, 'must be host:port')
          .optional(),
      }),
    ])
    .default({}),
  /**
   * The folder the files attached to messages are read from: the one the clients put them in
   * (`Agent` option `attachmentFolder`) — on another machine, the same folder shared or mounted there.
   */
  attachmentFolder: z.string().min(1).optional(),
  /** Told of each change of an MCP server's status; without it, failures go to the console. */
  onMcpServerStatus: z
    .custom<(status: McpServerStatus) => void>((value) => typeof value === 'function')
    .optional(),
});

/** Options of `AgentWorker.create`: the agent's name and instructions, the task queue, Temporal, the model, tools, sub-agents and MCP servers. */
export type AgentWorkerOptions = z.input<typeof AgentWorkerOptionsSchema>;
