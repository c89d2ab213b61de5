import { AgentError } from '../common/errors';
import type { SubAgentSpec } from '../common/types';

/** What a sub-agent is told to do: the one parameter the model fills in when it delegates. */
export const AGENT_TOOL_PARAMETERS: Record<string, unknown> = {
  type: 'object',
  properties: { task: { type: 'string', description: 'What the sub-agent should do, in full sentences.' } },
  required: ['task'],
  additionalProperties: false,
};

/**
 * An agent another agent can delegate to. The model sees it as a tool with one `task` argument; calling it
 * starts a child workflow (`<parent-workflow-id>/<name>/<n>`) that runs this agent on the same worker, with
 * its own event log, attempts and usage.
 */
export interface AgentTool extends SubAgentSpec {
  readonly kind: 'agent';
  readonly description: string;
}

/** A sub-agent offered to the model as a tool with one `task` argument: its name, description, instructions and tools. */
export interface AgentToolDefinition {
  /** The tool name the model calls, and the middle part of the child workflow id. */
  readonly name: string;
  readonly description: string;
  /** The sub-agent's own instructions (the worker's instructions do not apply to it). */
  readonly instructions: string;
  /** Tools (or other agents) of the worker the sub-agent may use; default none. */
  readonly tools?: readonly string[];
}

const AGENT_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Defines a sub-agent for `AgentWorker.create({ agents: [...] })`. */
export function defineAgentTool(definition: AgentToolDefinition): AgentTool {
  if (!AGENT_NAME.test(definition.name)) {
    throw new AgentError(
      'invalid-options',
      `defineAgentTool: name "${definition.name}" must be 1-64 letters, digits, "_" or "-"`,
    );
  }
  if (!definition.description || !definition.instructions) {
    throw new AgentError(
      'invalid-options',
      `defineAgentTool(${definition.name}): description and instructions are required`,
    );
  }
  return {
    kind: 'agent',
    name: definition.name,
    description: definition.description,
    instructions: definition.instructions,
    tools: [...(definition.tools ?? [])],
  };
}

/** True for a value made with `defineAgentTool`. */
export function isAgentTool(value: unknown): value is AgentTool {
  return typeof value === 'object' && value !== null && (value as AgentTool).kind === 'agent';
}
