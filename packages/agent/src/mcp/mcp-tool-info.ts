import type { Tool as ServerTool, ToolAnnotations } from '@modelcontextprotocol/client';
import type { McpToolInfo } from './mcp-status';

const MAX_TOOL_NAME = 64;

/**
 * The name the model calls for `tool` of `server`: `<server>_<tool>`, with anything but letters, digits,
 * "_" and "-" made "_" (what model APIs accept), at most 64 characters. Prefixed so that two servers'
 * tools of the same name (`read_file`, `search`) stay apart.
 */
export function mcpToolName(server: string, tool: string): string {
  return `${server}_${tool}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, MAX_TOOL_NAME);
}

/**
 * MCP annotations are hints: a tool is read-only only when its server says so (`readOnlyHint`), and
 * anything else may change the world (`destructiveHint` defaults to true). So a call asks a person first
 * unless the tool is read-only and not marked destructive.
 */
export function mcpToolRequiresApproval(annotations: ToolAnnotations | undefined): boolean {
  return annotations?.readOnlyHint !== true || annotations.destructiveHint === true;
}

export function toToolInfo(server: string, tool: ServerTool): McpToolInfo {
  return {
    name: mcpToolName(server, tool.name),
    serverTool: tool.name,
    title: tool.title ?? tool.annotations?.title,
    description: tool.description ?? tool.title ?? `${tool.name} (from the MCP server "${server}")`,
    requiresApproval: mcpToolRequiresApproval(tool.annotations),
  };
}
