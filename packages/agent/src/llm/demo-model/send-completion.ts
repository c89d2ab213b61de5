import type { ServerResponse } from 'node:http';
import type { CompletionJob } from './completion-job';
import { completion } from './completion-payloads';
import { pause } from './pause';
import { sendJson } from './send-json';

/**
 * Answers a non-streamed request with a whole `chat.completion` (no pacing).
 * A disconnect fault drops the connection instead; a stall fault delays the answer.
 */
export async function sendCompletion(job: CompletionJob, response: ServerResponse): Promise<void> {
  if (job.fault?.kind === 'disconnect') {
    response.destroy();
    return;
  }
  if (job.fault?.kind === 'stall' && !(await pause(job.fault.stallMs, job.signal))) return;
  if (job.signal.aborted) return;
  sendJson(response, 200, completion(job.identity, job.reply, job.usage));
}
