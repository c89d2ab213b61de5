import { z } from 'zod';
import type { DemoModelFault } from './demo-model-types';

const target = {
  times: z.number().int().min(1).optional(),
  match: z.string().optional(),
};

const afterTokens = z.number().int().min(0);

/** Validates a {@link DemoModelFault}, from code or from the control endpoint. */
export const faultSchema: z.ZodType<DemoModelFault> = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('status'),
    status: z.union([z.literal(400), z.literal(401), z.literal(429), z.literal(500)]),
    retryAfter: z.number().int().min(0).max(3600).optional(),
    ...target,
  }),
  z.strictObject({ kind: z.literal('disconnect'), afterTokens, ...target }),
  z.strictObject({ kind: z.literal('stall'), afterTokens, stallMs: z.number().min(0).optional(), ...target }),
  z.strictObject({ kind: z.literal('clean-close'), afterTokens, ...target }),
  z.strictObject({
    kind: z.literal('stream-error'),
    afterTokens,
    errorType: z.enum(['server_error', 'invalid_request_error']).optional(),
    ...target,
  }),
  z.strictObject({ kind: z.literal('malformed'), afterTokens, ...target }),
]);

/** Validates a streaming pace in tokens per second (0 = no delay). */
export const paceSchema = z.number().min(0);

/** Body of `POST /__control/pace`. */
export const paceBodySchema = z.strictObject({ tokensPerSecond: paceSchema });

/** One line per issue, e.g. `status: Invalid input`, for error messages. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}
