import { z } from 'zod';
import { messageOf } from '../common/error-message';
import { AgentError } from '../common/errors';
import type { AgentRunResult, OutputSpecification } from '../common/types';

/** A JSON Schema object, as structured output takes it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** What `output` takes: a zod schema (the result is typed by it) or a JSON Schema. */
export type OutputSchema<T = unknown> = z.ZodType<T> | JsonSchema;

/** A result whose structured output is there and typed. */
export type RunResultWithOutput<T> = AgentRunResult & { readonly output: T };

function isZodSchema(schema: OutputSchema): schema is z.ZodType {
  return schema instanceof z.ZodType;
}

/** The run's output specification: the JSON Schema (converted from zod), and how many answers it may take. */
export function toOutputSpecification(schema: OutputSchema, maxAttempts: number): OutputSpecification {
  let json: Record<string, unknown>;
  try {
    json = isZodSchema(schema) ? (z.toJSONSchema(schema) as Record<string, unknown>) : { ...schema };
  } catch (error) {
    throw new AgentError(
      'invalid-options',
      `output: the zod schema cannot be expressed as JSON Schema (${messageOf(error)})`,
      { cause: error },
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new AgentError('invalid-options', 'output: expected a zod schema or a JSON Schema object');
  return { name: 'output', schema: json, maxAttempts };
}

/**
 * The result with its output parsed by the zod schema (defaults and transforms applied); an output the
 * zod schema refuses though its JSON Schema accepted it (a refinement) fails the run as `invalid-output`.
 */
export function parseOutput<T>(result: AgentRunResult, schema: OutputSchema<T>): AgentRunResult {
  if (result.status !== 'completed' || !isZodSchema(schema)) return result;
  const parsed = schema.safeParse(result.output);
  if (parsed.success) return { ...result, output: parsed.data };
  return {
    ...result,
    status: 'failed',
    error: {
      code: 'invalid-output',
      message: `the answer did not match the output schema: ${z.prettifyError(parsed.error)}`,
    },
  };
}
