import net from 'node:net';

/** The client preface of HTTP/2 and an empty SETTINGS frame: what gRPC opens every connection with. */
const HTTP2_PREFACE = Buffer.concat([
  Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'),
  Buffer.from([0, 0, 0, 0x04, 0, 0, 0, 0, 0]),
]);
const SETTINGS_FRAME_TYPE = 0x04;
const PROBE_TIMEOUT_MS = 2000;

/**
 * What the server at `host:port` is, when it is not a gRPC (HTTP/2) server: "it answered "HTTP/1.1 400
 * Bad Request"", "it closed the connection without answering"… Undefined when nothing listens there, when
 * it answers as HTTP/2 does, or when it says nothing in time (then the usual "unreachable" stands). The
 * SDK says only "Failed to connect before the deadline" for all of these.
 */
export function notTemporal(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const socket = net.connect({ host, port });
    const finish = (verdict: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(verdict);
    };
    const timer = setTimeout(
      () => finish(received.length > 0 ? answered(received) : undefined),
      PROBE_TIMEOUT_MS,
    );
    socket.once('error', () => finish(received.length > 0 ? answered(received) : undefined));
    socket.once('connect', () => socket.write(HTTP2_PREFACE));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 9) return;
      finish(received[3] === SETTINGS_FRAME_TYPE ? undefined : answered(received));
    });
    socket.once('end', () =>
      finish(received.length > 0 ? answered(received) : 'it closed the connection without answering'),
    );
  });
}

/** The first line of a text answer, or its size when it is not text. */
function answered(bytes: Buffer): string {
  const line = bytes.toString('latin1').split(/\r?\n/)[0]!.slice(0, 80);
  return /^[\x20-\x7e]+$/.test(line)
    ? `it answered "${line}"`
    : `it answered ${bytes.length} bytes that are not HTTP/2`;
}
