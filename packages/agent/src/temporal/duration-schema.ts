import { z } from 'zod';
import { parseDuration } from '../common/duration';

/** A duration option: `30s`, `5m`, `250ms` or milliseconds; parsed to milliseconds. */
export const durationSchema = z.union([z.string(), z.number()]).transform((value, context) => {
  try {
    return parseDuration(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
