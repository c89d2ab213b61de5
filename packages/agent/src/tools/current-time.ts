import { z } from 'zod';
import { defineTool } from './define-tool';

/** The current date and time, optionally in an IANA time zone. */
export const currentTime = defineTool({
  name: 'currentTime',
  description: 'Get the current date and time, in UTC or in an IANA time zone such as "Asia/Tokyo".',
  parameters: z.object({ timeZone: z.string().optional().describe('IANA time zone, default UTC') }),
  execute: ({ timeZone }) => {
    const now = new Date();
    const zone = timeZone ?? 'UTC';
    const formatted = new Intl.DateTimeFormat('en-US', {
      dateStyle: 'full',
      timeStyle: 'long',
      timeZone: zone,
    }).format(now);
    return { iso: now.toISOString(), timeZone: zone, formatted };
  },
});
