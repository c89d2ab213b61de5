import { z } from 'zod';
import { AgentError } from '../common/errors';

/** What a tool's `execute` gets besides its arguments. */
export interface ToolContext {
  /** Aborted when the run is stopped, the worker shuts down or the attempt times out. */
  readonly signal: AbortSignal;
  /** Reports liveness to Temporal; call it in long loops (the worker also heartbeats for you). */
  readonly heartbeat: () => void;
  readonly runId: string;
  readonly threadId: string;
}

/** What a `requiresApproval` function gets besides the call's arguments. */
export interface ApprovalContext {
  readonly toolName: string;
  readonly runId: string;
  readonly threadId: string;
}

/**
 * Whether a call needs a person's approval: `true`, `false`, or a reason (the call needs approval, and
 * the approver is shown why). A function decides per call from its arguments (called on the worker when
 * the model makes the call; its answer is recorded in the run's history).
 */
export type RequiresApproval<Arguments = unknown> =
  | boolean
  | ((args: Arguments, context: ApprovalContext) => boolean | string);

/** A tool the model may call: its name, description, zod parameters, `execute`, and whether it needs approval. */
export interface ToolDefinition<Parameters extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly parameters: Parameters;
  /** Runs the tool with its validated arguments; what it returns (or throws) goes back to the model. */
  readonly execute: (args: z.infer<Parameters>, context: ToolContext) => unknown | Promise<unknown>;
  /** Ask a person before a call: always (`true`), or as a function of the call decides (see `RequiresApproval`). */
  readonly requiresApproval?: RequiresApproval<z.infer<Parameters>>;
}

/** A tool with its parameters described as JSON Schema for the model. */
export interface Tool<Parameters extends z.ZodType = z.ZodType> extends ToolDefinition<Parameters> {
  readonly jsonSchema: Record<string, unknown>;
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Defines a tool the model may call; its arguments are validated with the zod schema before `execute`. */
export function defineTool<Parameters extends z.ZodType>(
  definition: ToolDefinition<Parameters>,
): Tool<Parameters> {
  if (!TOOL_NAME.test(definition.name)) {
    throw new AgentError(
      'invalid-options',
      `defineTool: name "${definition.name}" must be 1-64 letters, digits, "_" or "-"`,
    );
  }
  if (!definition.description)
    throw new AgentError('invalid-options', `defineTool(${definition.name}): description is required`);
  if (typeof definition.execute !== 'function') {
    throw new AgentError('invalid-options', `defineTool(${definition.name}): execute must be a function`);
  }
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(definition.parameters) as Record<
    string,
    unknown
  >;
  return { ...definition, jsonSchema };
}
