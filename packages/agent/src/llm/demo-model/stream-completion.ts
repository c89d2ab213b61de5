import type { ServerResponse } from 'node:http';
import { assertNever } from '../../common/errors';
import type { CompletionJob } from './completion-job';
import { chunk, finishReasonOf, toolCallArguments, toolCallStart, usageChunk } from './completion-payloads';
import { splitTokens } from './count-tokens';
import { streamErrorBody } from './openai-error';
import { pause } from './pause';
import { SseWriter } from './sse-writer';

/** The deltas of a reply: the ones sent at once, then one per token (paced, and where faults strike). */
function deltasOf({ reply, identity }: CompletionJob): { opening: object[]; tokens: object[] } {
  const opening: object[] = [{ role: 'assistant', content: '' }];
  if (reply.kind === 'text') {
    const parts = reply.deltaCharacters ? slices(reply.text, reply.deltaCharacters) : splitTokens(reply.text);
    return { opening, tokens: parts.map((token) => ({ content: token })) };
  }
  opening.push(toolCallStart(identity, reply.name));
  return { opening, tokens: splitTokens(reply.arguments).map(toolCallArguments) };
}

function slices(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts;
}

/**
 * Plays the fault of the job, if any, once `sent` tokens are out.
 * Returns false when streaming must stop (socket destroyed or client gone).
 */
async function playFault(
  job: CompletionJob,
  writer: SseWriter,
  sent: number,
  total: number,
): Promise<boolean> {
  const { fault } = job;
  if (fault === undefined || sent !== Math.min(fault.afterTokens, total)) return true;
  switch (fault.kind) {
    case 'disconnect':
      await writer.disconnect();
      return false;
    case 'stall':
      return pause(fault.stallMs, job.signal);
    case 'clean-close':
      await writer.end();
      return false;
    case 'stream-error':
      if (await writer.send(streamErrorBody(fault.errorType ?? 'server_error'))) await writer.end();
      return false;
    case 'malformed':
      if (await writer.sendRaw('{"id":"chatcmpl-demo","choices":[{"delta":{"content":"broken'))
        await writer.end();
      return false;
    default:
      return assertNever(fault);
  }
}

/** Streams the job's reply as `chat.completion.chunk` events at the server's pace, then `[DONE]`. */
export async function streamCompletion(job: CompletionJob, response: ServerResponse): Promise<void> {
  const { identity, signal, state } = job;
  const writer = new SseWriter(response, signal);
  const { opening, tokens } = deltasOf(job);
  writer.open();
  for (const delta of opening) {
    if (!(await writer.send(chunk(identity, delta)))) return;
  }
  for (const [sent, delta] of tokens.entries()) {
    if (!(await playFault(job, writer, sent, tokens.length))) return;
    if (state.pace > 0 && !(await pause(1000 / state.pace, signal))) return;
    if (!(await writer.send(chunk(identity, delta)))) return;
  }
  if (!(await playFault(job, writer, tokens.length, tokens.length))) return;
  if (!(await writer.send(chunk(identity, {}, finishReasonOf(job.reply))))) return;
  if (job.request.includeUsage && !(await writer.send(usageChunk(identity, job.usage)))) return;
  await writer.done();
}
