import type { ServerResponse } from 'node:http';
import { sendJson } from '../../common/send-json';
import type { CompletionJob } from './completion-job';
import { completion } from './completion-payloads';
import { streamErrorBody } from './openai-error';
import { pause } from './pause';

/**
 * Answers a non-streamed request with a whole `chat.completion` (no pacing).
 * A disconnect fault drops the connection instead; a stall fault delays the answer; a clean close or a
 * malformed fault sends a cut body; a stream error answers with its error object.
 */
export async function sendCompletion(job: CompletionJob, response: ServerResponse): Promise<void> {
  const kind = job.fault?.kind;
  if (kind === 'disconnect') {
    response.destroy();
    return;
  }
  if (kind === 'clean-close' || kind === 'malformed') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"id":"chatcmpl-demo","choices":[');
    return;
  }
  if (job.fault?.kind === 'stream-error') {
    sendJson(response, 500, streamErrorBody(job.fault.errorType ?? 'server_error'));
    return;
  }
  if (job.fault?.kind === 'stall' && !(await pause(job.fault.stallMs, job.signal))) return;
  if (job.signal.aborted) return;
  sendJson(response, 200, completion(job.identity, job.reply, job.usage));
}
