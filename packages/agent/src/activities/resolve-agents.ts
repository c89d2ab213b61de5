import type { PlannedToolCall } from '../common/activity-types';
import { messageOf } from '../common/error-message';
import type { ToolSpecification } from '../llm/model-provider';
import { AGENT_TOOL_PARAMETERS, type AgentTool } from '../tools/define-agent-tool';
import type { Tool } from '../tools/define-tool';
import type { ActivityDependencies } from './dependencies';

/**
 * Splits a run's tool list into the worker's tools and its sub-agents: `undefined` (every tool) offers
 * every agent too; a list offers the agents it names.
 */
export function resolveAgents(
  dependencies: ActivityDependencies,
  names: readonly string[] | undefined,
): { readonly toolNames: readonly string[] | undefined; readonly agents: readonly AgentTool[] } {
  const all = dependencies.agents ?? new Map<string, AgentTool>();
  if (names === undefined) return { toolNames: undefined, agents: [...all.values()] };
  return {
    toolNames: names.filter((name) => !all.has(name)),
    agents: names.flatMap((name) => all.get(name) ?? []),
  };
}

/** How the model sees a sub-agent: a tool with one `task` argument. */
export function agentToolSpecification(agent: AgentTool): ToolSpecification {
  return { name: agent.name, description: agent.description, parameters: AGENT_TOOL_PARAMETERS };
}

/** A call the model made, planned: a sub-agent call carries the agent's spec for the workflow. */
export function planToolCall(
  dependencies: ActivityDependencies,
  agents: readonly AgentTool[],
  call: { readonly id: string; readonly name: string; readonly arguments: string },
  context: { readonly runId: string; readonly threadId: string },
): PlannedToolCall {
  const agent = agents.find((each) => each.name === call.name);
  if (agent) {
    const { name, instructions, tools } = agent;
    return { ...call, requiresApproval: false, agent: { name, instructions, tools } };
  }
  return { ...call, ...approvalOf(dependencies.tools.get(call.name), call, context) };
}

/** What a tool says about a call's approval; a `requiresApproval` function that throws asks, saying why. */
function approvalOf(
  tool: Tool | undefined,
  call: { readonly name: string; readonly arguments: string },
  context: { readonly runId: string; readonly threadId: string },
): Pick<PlannedToolCall, 'requiresApproval' | 'approvalReason'> {
  const rule = tool?.requiresApproval;
  if (typeof rule !== 'function') return { requiresApproval: rule === true };
  try {
    const answer = rule(JSON.parse(call.arguments || '{}'), { toolName: call.name, ...context });
    if (typeof answer === 'string') return { requiresApproval: true, approvalReason: answer };
    return { requiresApproval: answer === true };
  } catch (error) {
    const cause = messageOf(error);
    return {
      requiresApproval: true,
      approvalReason: `could not decide whether the call needs approval: ${cause}`,
    };
  }
}
