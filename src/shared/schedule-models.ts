/**
 * Schedules as the renderer and the host exchange them: a prompt the agent runs on a Temporal Schedule,
 * every interval or on a cron expression, in a conversation of the app (each firing lands there).
 */
import { z } from 'zod';

export interface ScheduleInfo {
  readonly id: string;
  readonly prompt: string;
  readonly conversationId: string;
  /** `every 5m` or `cron "0 8 * * *"`, as created. */
  readonly timing: { readonly every: string } | { readonly cron: string };
  readonly paused: boolean;
  /** ISO times, absent when there is none (paused, or not fired yet). */
  readonly nextRunAt?: string;
  readonly lastRunAt?: string;
}

const identifier = z.string().trim().min(1).max(200);

export const createScheduleSchema = z
  .object({
    prompt: z.string().trim().min(1, 'the prompt is empty').max(20_000),
    every: z
      .string()
      .trim()
      .regex(/^\d+(s|m|h|d)$/, 'every must be an interval like 30s, 5m, 1h or 1d')
      .optional(),
    cron: z.string().trim().min(1).max(200).optional(),
    /** The conversation its runs land in (default: a new one, titled with the prompt). */
    conversationId: identifier.optional(),
  })
  .strict()
  .refine((request) => (request.every === undefined) !== (request.cron === undefined), {
    message: 'give one of every or cron',
  });

export const scheduleIdSchema = z.object({ scheduleId: identifier }).strict();

export type CreateScheduleRequest = z.input<typeof createScheduleSchema>;
