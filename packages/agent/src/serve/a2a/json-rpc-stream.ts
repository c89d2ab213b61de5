import type { ServerResponse } from 'node:http';

interface JsonRpcResponse {
  readonly jsonrpc: string;
  readonly id: string | number | null;
}

/**
 * Writes a streaming JSON-RPC answer as server-sent events (`data: <response>`), a keep-alive comment
 * when nothing was sent for a while. An error before the first event is answered as a plain JSON-RPC
 * error; one after it as a last `error` event. Closing the connection ends only this view.
 */
export async function writeJsonRpcStream(
  response: ServerResponse,
  stream: AsyncGenerator<JsonRpcResponse, void, undefined>,
  options: {
    readonly id: string | number | null;
    readonly headers: Readonly<Record<string, string>>;
    readonly keepAliveMs: number;
    readonly mapError: (error: unknown) => unknown;
    readonly onError: (error: unknown) => void;
  },
): Promise<void> {
  const errorOf = (error: unknown) => ({ jsonrpc: '2.0', id: options.id, error: options.mapError(error) });
  let first: IteratorResult<JsonRpcResponse, void>;
  try {
    first = await stream.next();
  } catch (error) {
    response.writeHead(200, { ...options.headers, 'Content-Type': 'application/json' });
    response.end(JSON.stringify(errorOf(error)));
    return;
  }
  response.writeHead(200, {
    ...options.headers,
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), options.keepAliveMs);
  try {
    for (let next = first; !next.done && !response.destroyed; next = await stream.next()) {
      response.write(`data: ${JSON.stringify(next.value)}\n\n`);
    }
  } catch (error) {
    if (!response.destroyed) {
      options.onError(error);
      response.write(`event: error\ndata: ${JSON.stringify(errorOf(error))}\n\n`);
    }
  } finally {
    clearInterval(keepAlive);
    void stream.return(undefined).catch(() => undefined);
    response.end();
  }
}
