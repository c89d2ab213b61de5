import { Connection } from '@temporalio/client';
import { clientInterceptors } from '../temporal/connect-client';
import { certificateProblem } from '../temporal/connection-failure';
import type { TemporalOptions } from '../temporal/temporal-options';
import { toTlsConfig, usesTls } from '../temporal/temporal-tls';
import { parseAddress } from './network-address';
import { isPortOpen, speaksHttp2 } from './port-probe';

/**
 * What answers on an address: nothing (`closed`), something that is not Temporal, a Temporal server
 * that is not serving yet (`starting`), one that serves without / with the namespace, or one that
 * refuses the credentials (`refused`: API key, client certificate, or a server certificate the given
 * CA or server name does not accept).
 */
export type TemporalProbeResult =
  | 'closed'
  | 'not-temporal'
  | 'starting'
  | 'namespace-missing'
  | 'ready'
  | 'refused';

/**
 * Probes `address` with a bounded gRPC connection: is a Temporal server answering there, and does it
 * have `namespace`? Never takes much longer than `timeoutMs`, even against a peer that accepts TCP
 * connections and then says nothing (where `Connection.connect` alone could wait for a long time).
 * `credentials`: TLS and API key of a Temporal that needs them (Temporal Cloud, a cluster behind TLS).
 */
export async function probeTemporal(
  address: string,
  namespace: string,
  timeoutMs = 2000,
  credentials: Pick<TemporalOptions, 'tls' | 'apiKey'> = {},
): Promise<TemporalProbeResult> {
  const { host, port } = parseAddress(address);
  if (!(await isPortOpen(host, port, Math.min(timeoutMs, 1000)))) return 'closed';
  // Settle "something else holds the port" ourselves: a gRPC channel to a silent peer keeps its socket.
  // (Over TLS the plain-text HTTP/2 check cannot work; the bounded gRPC call below settles it.)
  const tls = usesTls(credentials);
  if (!tls && !(await speaksHttp2(host, port, Math.min(timeoutMs, 1000)))) return 'not-temporal';
  if (tls && (await certificateProblem({ address, ...credentials }).catch(() => undefined)) !== undefined) {
    return 'refused';
  }
  const connection = Connection.lazy({
    address,
    connectTimeout: timeoutMs,
    interceptors: clientInterceptors(),
    ...(tls ? { tls: toTlsConfig(credentials.tls ?? true) } : {}),
    ...(credentials.apiKey === undefined ? {} : { apiKey: credentials.apiKey }),
  });
  try {
    const probe = async (): Promise<TemporalProbeResult> => {
      await connection.ensureConnected();
      try {
        await connection.withDeadline(Date.now() + timeoutMs, () =>
          connection.workflowService.describeNamespace({ namespace }),
        );
        return 'ready';
      } catch (error) {
        return classifyNamespaceError(error);
      }
    };
    return await withDeadline(probe(), timeoutMs + 500, 'not-temporal');
  } catch (error) {
    return refusedCredentials(error) ? 'refused' : 'not-temporal';
  } finally {
    await withDeadline(connection.close(), 1000, undefined).catch(() => undefined);
  }
}

/** Whether a Temporal server answers gRPC on `address` (e.g. `127.0.0.1:7233`) within `timeoutMs`. */
export async function isTemporalReachable(address: string, timeoutMs = 2000): Promise<boolean> {
  const result = await probeTemporal(address, 'default', timeoutMs);
  return result === 'ready' || result === 'namespace-missing';
}

const grpcNotFound = 5;
const grpcPermissionDenied = 7;
const grpcUnauthenticated = 16;

/** UNAUTHENTICATED or PERMISSION_DENIED, on the error or its cause (the client wraps the first call's). */
function refusedCredentials(error: unknown): boolean {
  for (
    let current = error, depth = 0;
    typeof current === 'object' && current !== null && depth < 4;
    depth++
  ) {
    const code = (current as { code?: unknown }).code;
    if (code === grpcUnauthenticated || code === grpcPermissionDenied) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
const grpcUnimplemented = 12;

/** The server answered GetSystemInfo, so it speaks Temporal's API unless it lacks DescribeNamespace. */
function classifyNamespaceError(error: unknown): TemporalProbeResult {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === grpcNotFound) return 'namespace-missing';
  if (code === grpcUnauthenticated || code === grpcPermissionDenied) return 'refused';
  if (code === grpcUnimplemented) return 'not-temporal';
  return 'starting';
}

function withDeadline<T>(promise: Promise<T>, timeoutMs: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
