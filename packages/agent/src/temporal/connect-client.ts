import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { AgentError } from '../common/errors';
import { closedChannelGuard } from './closed-channel-guard';
import { certificateProblem, connectionFailure, unreachable } from './connection-failure';
import type { ResolvedTemporalOptions } from './temporal-options';
import { toTlsConfig } from './temporal-tls';
import { withTimeout } from './with-timeout';

export { unreachable } from './connection-failure';

const CONNECT_TIMEOUT_MS = 5000;

/**
 * A call that meets an unreachable Temporal is retried for about two seconds (the SDK's default is ten
 * attempts, some twenty seconds), then fails: callers that follow runs (`FollowedRun`, the worker check)
 * retry on their own and say "reconnecting" meanwhile, instead of hanging silently in a retry loop.
 */
const RETRY_ATTEMPTS = 6;
/** After an outage the channel tries to reconnect at least this often (grpc-js's default grows to 120 s). */
const MAX_RECONNECT_BACKOFF_MS = 2000;

/**
 * Largest answer read from Temporal. A page of history is never split inside one of its batches (the
 * events written together), and a long answer's signals that arrive during one workflow task are one
 * batch: a 5 MB answer's history can be one 7 MB page. The SDK means to allow 128 MB but spells the option
 * without grpc-js's `grpc.` prefix, which leaves grpc-js's 4 MB.
 */
const MAX_RECEIVE_BYTES = 128 * 1024 * 1024;

/** Connects a client and checks the namespace, failing within seconds with the address in the message. */
export async function connectClient(
  options: ResolvedTemporalOptions,
): Promise<{ connection: Connection; owned: boolean }> {
  const given = options.connection instanceof Connection ? options.connection : undefined;
  const connection =
    given ??
    (await withTimeout(
      connectChecked(options, () =>
        Connection.connect({
          address: options.address,
          tls: toTlsConfig(options.tls),
          apiKey: options.apiKey,
          connectTimeout: CONNECT_TIMEOUT_MS,
          interceptors: clientInterceptors(),
          channelArgs: {
            'grpc.max_reconnect_backoff_ms': MAX_RECONNECT_BACKOFF_MS,
            'grpc.max_receive_message_length': MAX_RECEIVE_BYTES,
          },
        }),
      ),
      CONNECT_TIMEOUT_MS + 1000,
      () => unreachable(options.address),
    ).catch(async (error: unknown) => {
      throw await connectionFailure(options, error);
    }));
  try {
    await withTimeout(
      connection.workflowService.describeNamespace({ namespace: options.namespace }),
      CONNECT_TIMEOUT_MS,
      () => unreachable(options.address),
    );
  } catch (error) {
    if (!given) await connection.close().catch(() => undefined);
    if (error instanceof AgentError) throw await connectionFailure(options, error);
    if ((error as { code?: number }).code === 5) {
      throw new AgentError(
        'namespace-not-found',
        `namespace "${options.namespace}" does not exist on Temporal at ${options.address}`,
        { cause: error },
      );
    }
    throw await connectionFailure(options, error);
  }
  return { connection, owned: !given };
}

/** The gRPC interceptors of every connection the library opens: retries, then the closed-channel guard. */
export function clientInterceptors() {
  return [retryInterceptor(), closedChannelGuard];
}

/**
 * The SDK's retries of a failed call (`RETRY_ATTEMPTS`), except for an answer larger than a gRPC message
 * may be (RESOURCE_EXHAUSTED "Received message larger than max"): the same request gets the same answer,
 * and asking again downloads it again (a large run's history, megabytes each time).
 */
export function retryInterceptor() {
  const retries = defaultGrpcRetryOptions({ maxAttempts: RETRY_ATTEMPTS });
  return makeGrpcRetryInterceptor({
    ...retries,
    retryableDecider: (attempt, status) =>
      !/larger than max/i.test(status.details) && retries.retryableDecider(attempt, status),
  });
}

/**
 * The SDK reports a refused server certificate only when its connect times out (and its channel then
 * keeps the process alive that long); with TLS on, a handshake of our own first (tens of milliseconds)
 * names a wrong CA or server name at once, before any channel exists.
 */
async function connectChecked(
  options: ResolvedTemporalOptions,
  connect: () => Promise<Connection>,
): Promise<Connection> {
  const problem = await certificateProblem(options).catch(() => undefined);
  if (problem !== undefined) throw problem;
  return connect();
}
