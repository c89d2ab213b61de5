import type { ListToolsInput, ListToolsOutput, RunTool } from '../common/activity-types';
import type { Tool } from '../tools/define-tool';
import { type ActivityDependencies, resolveTools } from './dependencies';
import { resolveAgents } from './resolve-agents';

/**
 * A run's tools: the worker's tools the run may use (its `config.tools`, or all), with what the model and
 * the approval policy need, and its sub-agents. The run's first model call lists them and returns the
 * list, which is so recorded in the run's history: later rounds and replays never depend on what a worker
 * or an MCP server offers then.
 */
export function listRunTools(
  dependencies: ActivityDependencies,
  names: readonly string[] | undefined,
): ListToolsOutput {
  const { toolNames, agents } = resolveAgents(dependencies, names);
  return {
    tools: resolveTools(dependencies, toolNames).map(toRunTool),
    agents: agents.map((agent) => agent.name),
  };
}

/** The activity that listed a run's tools when it started, before its first model call did (old runs). */
export function createListTools(dependencies: ActivityDependencies) {
  return async function listTools(input: ListToolsInput): Promise<ListToolsOutput> {
    return listRunTools(dependencies, input.tools);
  };
}

export function toRunTool(tool: Tool): RunTool {
  const mcp = (tool as { mcp?: { server: string; tool: string } }).mcp;
  return {
    name: tool.name,
    description: tool.description,
    parameters: tool.jsonSchema,
    requiresApproval: tool.requiresApproval === true,
    ...(typeof tool.requiresApproval === 'function' ? { conditionalApproval: true } : {}),
    label: mcp ? `${mcp.server}.${mcp.tool}` : tool.name,
  };
}
