import type { IncomingMessage } from 'node:http';
import { type ErrorResponse, invalidRequest } from './openai-error';

const maximumBodyBytes = 16 * 1024 * 1024;

/** Reads and parses a JSON request body; an error response when it is too large or not JSON. */
export async function readJsonBody(request: IncomingMessage): Promise<{ value: unknown } | ErrorResponse> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const piece of request) {
    const buffer = piece as Buffer;
    size += buffer.length;
    if (size > maximumBodyBytes) return invalidRequest(`The request body exceeds ${maximumBodyBytes} bytes.`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return { value: JSON.parse(text) };
  } catch {
    return invalidRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP " +
        'library correctly. The OpenAI API expects a JSON payload.)',
    );
  }
}
