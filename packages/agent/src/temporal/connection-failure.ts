import tls from 'node:tls';
import { messageOf } from '../common/error-message';
import { AgentError } from '../common/errors';
import { notTemporal } from './not-temporal-probe';
import type { ResolvedTemporalOptions } from './temporal-options';
import { usesTls } from './temporal-tls';
import { withTimeout } from './with-timeout';

const PROBE_TIMEOUT_MS = 3000;

type ConnectionSettings = Pick<ResolvedTemporalOptions, 'address' | 'tls' | 'apiKey'>;

/**
 * Names what was wrong when connecting failed: the API key (UNAUTHENTICATED), the client certificate
 * (PERMISSION_DENIED), the server CA or the server name (the TLS handshake), else Temporal is unreachable.
 * The client SDK reports a failed handshake only as "Failed to connect before the deadline", so with TLS
 * on, a handshake of our own (same CA, name and client pair) asks the server what the reason was.
 */
export async function connectionFailure(settings: ConnectionSettings, error: unknown): Promise<AgentError> {
  if (error instanceof AgentError && error.code !== 'temporal-unreachable') return error;
  const known = fromMessage(settings, describeChain(error), error);
  if (known !== undefined) return known;
  if (usesTls(settings)) {
    const handshake = await probeHandshake(settings);
    if (handshake !== undefined) return fromHandshake(settings, handshake, error);
  } else {
    const { host, port } = hostAndPort(settings.address);
    const other = await notTemporal(host, port);
    if (other !== undefined) return notTemporalServer(settings.address, other, error);
  }
  return error instanceof AgentError ? error : unreachable(settings.address, error);
}

/**
 * A certificate problem (wrong CA, wrong server name) found by a TLS handshake of our own, or undefined
 * (no TLS, or the handshake worked, or the server cannot be reached — that is for the SDK to report).
 * Run before the SDK's connect, it names such a problem at once instead of after the connect timeout.
 */
export async function certificateProblem(settings: ConnectionSettings): Promise<AgentError | undefined> {
  if (!usesTls(settings)) return undefined;
  const failure = await probeHandshake(settings);
  if (failure === undefined) return undefined;
  const problem = fromHandshake(settings, failure, new Error(failure.message));
  return problem.code === 'temporal-tls-failed' && !/does the server speak TLS/.test(problem.message)
    ? problem
    : undefined;
}

export function unreachable(address: string, cause?: unknown): AgentError {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new AgentError(
    'temporal-unreachable',
    `cannot reach Temporal at ${address}${detail} — is the server running? (start one with \`durable-agent dev-server\`)`,
    { cause },
  );
}

function notTemporalServer(address: string, answer: string, cause: unknown): AgentError {
  return new AgentError(
    'temporal-unreachable',
    `the server at ${address} is not Temporal: ${answer}, not gRPC — check the address (TEMPORAL_ADDRESS / --address; Temporal listens on port 7233 by default)`,
    { cause },
  );
}

function describeChain(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(messageOf(current));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(' | ');
}

function fromMessage(settings: ConnectionSettings, text: string, cause: unknown): AgentError | undefined {
  const at = `Temporal at ${settings.address}`;
  if (/UNAUTHENTICATED|valid authentication credentials/i.test(text)) {
    const detail = serverMessage(text);
    const key = settings.apiKey === undefined ? 'no API key was given' : 'the API key was refused';
    return new AgentError(
      'temporal-unauthenticated',
      `${at} refused the connection: ${key}${detail} — check the API key (TEMPORAL_API_KEY / temporal.apiKey)`,
      { cause },
    );
  }
  if (/PERMISSION_DENIED|does not have permission/i.test(text)) {
    return new AgentError(
      'temporal-permission-denied',
      `${at} refused the connection: permission denied${serverMessage(text)} — check the mTLS client certificate and key (TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY) and that they may use this namespace`,
      { cause },
    );
  }
  if (/UnknownIssuer|BadSignature/i.test(text)) return wrongCa(settings, cause);
  const name = /NotValidForName.*?presented: \[(.*?)\]/.exec(text);
  if (name !== null) {
    return wrongName(
      settings,
      (name[1] ?? '').replace(/DnsName\(\\?"|\\?"\)/g, '').replaceAll('"', ''),
      cause,
    );
  }
  return undefined;
}

/** `… message: "text"` (the native client) or `16 UNAUTHENTICATED: text` (grpc-js) → `: text`. */
function serverMessage(text: string): string {
  const match =
    /message: "([^"]*)"/.exec(text) ?? /(?:UNAUTHENTICATED|PERMISSION_DENIED): ([^|]*)/.exec(text);
  return match?.[1] === undefined ? '' : ` (the server said: ${match[1].trim()})`;
}

function wrongCa(settings: ConnectionSettings, cause: unknown): AgentError {
  const given = typeof settings.tls === 'object' && settings.tls.serverCa !== undefined;
  return new AgentError(
    'temporal-tls-failed',
    `TLS to Temporal at ${settings.address} failed: the server's certificate is not signed by ${
      given ? 'the server CA given' : "the system's trusted CAs"
    } — check the server CA (TEMPORAL_TLS_CA / temporal.tls.serverCa)`,
    { cause },
  );
}

function wrongName(settings: ConnectionSettings, presented: string, cause: unknown): AgentError {
  return new AgentError(
    'temporal-tls-failed',
    `TLS to Temporal at ${settings.address} failed: the server's certificate is not valid for the name "${expectedName(
      settings,
    )}"${presented === '' ? '' : ` (it is for ${presented})`} — check the server name (TEMPORAL_TLS_SERVER_NAME / temporal.tls.serverName)`,
    { cause },
  );
}

function expectedName(settings: ConnectionSettings): string {
  if (typeof settings.tls === 'object' && settings.tls.serverName !== undefined)
    return settings.tls.serverName;
  return hostAndPort(settings.address).host;
}

function hostAndPort(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(address.slice(colon + 1)) };
}

interface HandshakeFailure {
  readonly code: string;
  readonly message: string;
  readonly presented?: string;
}

/** Opens a TLS connection like the SDK's; resolves with the failure, or undefined when it succeeds. */
async function probeHandshake(settings: ConnectionSettings): Promise<HandshakeFailure | undefined> {
  const { host, port } = hostAndPort(settings.address);
  const options = typeof settings.tls === 'object' ? settings.tls : {};
  const attempt = new Promise<HandshakeFailure | undefined>((resolve) => {
    let presented: string | undefined;
    const socket = tls.connect({
      host,
      port,
      servername: options.serverName ?? (/^[\d.:]+$/.test(host) ? undefined : host),
      ca: options.serverCa === undefined ? undefined : Buffer.from(options.serverCa),
      cert: options.clientCert === undefined ? undefined : Buffer.from(options.clientCert),
      key: options.clientKey === undefined ? undefined : Buffer.from(options.clientKey),
      ALPNProtocols: ['h2'],
      checkServerIdentity: (name, certificate) => {
        presented = certificate.subjectaltname;
        return tls.checkServerIdentity(options.serverName ?? name, certificate);
      },
    });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      resolve({ code: error.code ?? '', message: error.message, presented });
    });
  });
  return withTimeout(attempt, PROBE_TIMEOUT_MS, () => new Error('probe timed out')).catch(() => undefined);
}

function fromHandshake(settings: ConnectionSettings, failure: HandshakeFailure, cause: unknown): AgentError {
  if (failure.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return wrongName(settings, (failure.presented ?? '').replace(/DNS:/g, ''), cause);
  }
  if (
    /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT|CERT_SIGNATURE_FAILURE/.test(
      failure.code,
    )
  ) {
    return wrongCa(settings, cause);
  }
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ENOTFOUND|EAI_AGAIN/.test(failure.code)) {
    return unreachable(settings.address, cause);
  }
  return new AgentError(
    'temporal-tls-failed',
    `TLS to Temporal at ${settings.address} failed: ${failure.message} — does the server speak TLS on this port?`,
    { cause },
  );
}
