import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

/**
 * The tool that asks an agent: `ask_` + the agent's name, each character MCP hosts may refuse in a tool
 * name made `_` (the CLI's agent, "durable-agent", is `ask_durable_agent`).
 */
export function askToolName(agentName: string): string {
  return `ask_${agentName.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** What `ask_<agent>` takes: the prompt, and the conversation to continue (default: a new one). */
export const AskArgumentsSchema = z
  .object({
    prompt: z.string().min(1, 'prompt must not be empty'),
    conversation: z.string().min(1).optional(),
  })
  .strict();

export type AskArguments = z.infer<typeof AskArgumentsSchema>;

/** The tool as `tools/list` shows it: a task is optional (a plain call waits for the answer). */
export function askTool(agentName: string): Tool {
  return {
    name: askToolName(agentName),
    title: `Ask ${agentName}`,
    description: `Ask the agent "${agentName}" and get its answer. The answer is a durable run (a Temporal workflow): with a task, poll it with tasks/get and read it with tasks/result, also after this server restarts. Pass "conversation" (from an earlier answer's structuredContent) to continue that conversation.`,
    inputSchema: {
      type: 'object',
      properties: {
        prompt: { type: 'string', description: 'What to ask the agent.' },
        conversation: {
          type: 'string',
          description: 'The conversation to continue (an earlier answer names it); default: a new one.',
        },
      },
      required: ['prompt'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        answer: { type: 'string' },
        conversation: { type: 'string' },
        run: { type: 'string' },
      },
      required: ['answer', 'conversation', 'run'],
    },
    annotations: { readOnlyHint: false, openWorldHint: true },
    execution: { taskSupport: 'optional' },
  };
}
