import type { z } from 'zod';
import { AgentError } from '../common/errors';

/** Parses options with a zod schema; a failure lists every bad field in one clear message. */
export function validateOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: unknown,
  what: string,
): z.output<Schema> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`,
  );
  throw new AgentError('invalid-options', `invalid ${what} options — ${fields.join('; ')}`);
}
