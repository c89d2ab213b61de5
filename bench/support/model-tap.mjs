import { createServer, request } from 'node:http';

/** Wall-clock milliseconds with sub-millisecond precision (the same clock in this process and a page). */
export const now = () => performance.timeOrigin + performance.now();

/**
 * A pass-through proxy in front of the demo model that notes when each piece of a reply's text went out
 * to the worker: for the last user message of each request (prompts carry a unique tag), the time at which
 * the reply's text reached each length. What "the model's emission" means for "text behind the model".
 */
export async function startModelTap(targetBaseURL) {
  const target = new URL(targetBaseURL);
  const emissions = new Map();
  const requests = new Map();
  const server = createServer((incoming, outgoing) => {
    const chunks = [];
    incoming.on('data', (chunk) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const key = lastUserMessage(body);
      if (key !== undefined) requests.set(key, now()); // a retried call replaces the lost one
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          const times = [];
          if (key !== undefined) emissions.set(key, times); // a retried call replaces the lost one
          let length = 0;
          let pending = '';
          response.on('data', (chunk) => {
            outgoing.write(chunk);
            pending += chunk.toString('utf8');
            const lines = pending.split('\n');
            pending = lines.pop() ?? '';
            for (const line of lines) {
              const content = contentOf(line);
              if (!content) continue;
              length += content.length;
              times.push({ at: now(), length });
            }
          });
          response.on('end', () => outgoing.end());
        },
      );
      upstream.on('error', () => outgoing.destroy());
      // The worker went away (an aborted call): so does the model request.
      outgoing.on('close', () => {
        if (!outgoing.writableFinished) upstream.destroy();
      });
      upstream.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${server.address().port}${target.pathname}`,
    /** When the reply to `prompt` reached each length of text ([{ at, length }]). */
    emissions: (prompt) => emissions.get(prompt) ?? [],
    /** When the (last) request with `prompt` reached the model. */
    requestedAt: (prompt) => requests.get(prompt),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

function lastUserMessage(body) {
  try {
    const messages = JSON.parse(body.toString('utf8')).messages ?? [];
    const user = messages.filter((message) => message.role === 'user').at(-1);
    return typeof user?.content === 'string' ? user.content : undefined;
  } catch {
    return undefined;
  }
}

function contentOf(line) {
  if (!line.startsWith('data: ') || line === 'data: [DONE]') return undefined;
  try {
    return JSON.parse(line.slice(6)).choices?.[0]?.delta?.content || undefined;
  } catch {
    return undefined;
  }
}
