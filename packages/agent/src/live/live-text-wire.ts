import { z } from 'zod';

/**
 * The live text protocol between a worker and its followers: `GET <url>?from=<offset>` answers
 * `application/x-ndjson`, one line per write, each the attempt's text from `offset` on that the follower
 * does not have yet; the response ends when the attempt does. Offsets count UTF-16 code units, as the
 * log's TEXT_MESSAGE_CONTENT `offset` does.
 */
export const LiveTextLineSchema = z.object({
  offset: z.number().int().nonnegative(),
  delta: z.string(),
});

export type LiveTextLine = z.infer<typeof LiveTextLineSchema>;

export const LIVE_TEXT_MEDIA_TYPE = 'application/x-ndjson';

/** The path under which a worker serves attempts' text: `/live/<capability>`. */
export const LIVE_TEXT_PATH = '/live/';
