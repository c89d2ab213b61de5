import type { Tool } from '../tools/define-tool';
import type { ListToolsInput, ListToolsOutput, RunTool } from './activity-types';
import { type ActivityDependencies, resolveTools } from './dependencies';
import { resolveAgents } from './resolve-agents';

/**
 * Builds the activity that fixes a run's tools when it starts: the worker's tools the run may use (its
 * `config.tools`, or all), with what the model and the approval policy need. The list is recorded in the
 * run's history, so later rounds and replays never depend on what a worker or an MCP server offers then.
 */
export function createListTools(dependencies: ActivityDependencies) {
  return async function listTools(input: ListToolsInput): Promise<ListToolsOutput> {
    const { toolNames, agents } = resolveAgents(dependencies, input.tools);
    return {
      tools: resolveTools(dependencies, toolNames).map(toRunTool),
      agents: agents.map((agent) => agent.name),
    };
  };
}

export function toRunTool(tool: Tool): RunTool {
  const mcp = (tool as { mcp?: { server: string; tool: string } }).mcp;
  return {
    name: tool.name,
    description: tool.description,
    parameters: tool.jsonSchema,
    requiresApproval: tool.requiresApproval ?? false,
    label: mcp ? `${mcp.server}.${mcp.tool}` : tool.name,
  };
}
