import { readFileSync } from 'node:fs';
import { messageOf } from '../common/error-message';
import type { TemporalOptions } from '../temporal/temporal-options';
import type { TemporalTlsOptions } from '../temporal/temporal-tls';
import { UsageError } from './usage-error';

/**
 * Temporal connection flags shared by `worker` and `agent`; each overrides its variable. The API key has
 * no flag on purpose: a flag shows in `ps` to every user of the machine, a variable does not.
 */
export const temporalFlags = {
  address: { type: 'string' },
  namespace: { type: 'string' },
  tls: { type: 'boolean' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'tls-ca': { type: 'string' },
  'tls-server-name': { type: 'string' },
} as const;

export interface TemporalFlagValues {
  readonly address?: string;
  readonly namespace?: string;
  readonly tls?: boolean;
  readonly 'tls-cert'?: string;
  readonly 'tls-key'?: string;
  readonly 'tls-ca'?: string;
  readonly 'tls-server-name'?: string;
}

/** The lines of `--help` for {@link temporalFlags}. */
export const temporalFlagsHelp = `Temporal connection (flags win over the variables in brackets):
  --address <host:port>        Temporal frontend [TEMPORAL_ADDRESS] (default localhost:7233)
  --namespace <name>           namespace [TEMPORAL_NAMESPACE] (default "default")
  --tls                        connect with TLS [TEMPORAL_TLS=true]; on by itself with an API key
                               [TEMPORAL_API_KEY] or any of the --tls-* files
  --tls-cert <file>            mTLS client certificate, PEM [TEMPORAL_TLS_CERT]
  --tls-key <file>             mTLS client private key, PEM [TEMPORAL_TLS_KEY]
  --tls-ca <file>              CA of the server's certificate, PEM [TEMPORAL_TLS_CA] (default: system roots)
  --tls-server-name <name>     name the server's certificate must carry [TEMPORAL_TLS_SERVER_NAME]`;

/** TLS files and names from the environment (`TEMPORAL_TLS_*`), as flag values. */
export function temporalFlagsFromEnvironment(env: NodeJS.ProcessEnv): TemporalFlagValues {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  return {
    'tls-cert': read('TEMPORAL_TLS_CERT'),
    'tls-key': read('TEMPORAL_TLS_KEY'),
    'tls-ca': read('TEMPORAL_TLS_CA'),
    'tls-server-name': read('TEMPORAL_TLS_SERVER_NAME'),
  };
}

/** A usage error unless `address` is `host:port` with a port from 1 to 65535 (`label`: where it came from). */
export function checkTemporalAddress(label: string, address: string): void {
  if (!/^[^\s/]+:\d+$/.test(address)) {
    throw new UsageError(`${label} "${address}" must look like host:port, e.g. localhost:7233.`);
  }
  const port = Number(address.slice(address.lastIndexOf(':') + 1));
  if (port < 1 || port > 65_535) {
    throw new UsageError(`${label} "${address}" has an invalid port ${port}: expected 1 to 65535.`);
  }
}

/**
 * Applies flags over the environment's Temporal settings: reads the PEM files (a missing file is a usage
 * error naming the flag), turns TLS on when a TLS file or name is given, and checks cert and key pair up.
 */
export function resolveTemporalConnection(
  fromEnvironment: {
    readonly address: string;
    readonly namespace: string;
    readonly apiKey?: string;
    readonly tls?: boolean;
  },
  environmentFiles: TemporalFlagValues,
  flags: TemporalFlagValues = {},
): TemporalOptions & { readonly address: string; readonly namespace: string } {
  const pick = <K extends keyof TemporalFlagValues>(key: K) => flags[key] ?? environmentFiles[key];
  const address = flags.address ?? fromEnvironment.address;
  checkTemporalAddress('--address', address);
  const namespace = flags.namespace ?? fromEnvironment.namespace;
  if (namespace.trim() === '') throw new UsageError('Invalid --namespace: it must not be empty.');
  const certFile = pick('tls-cert');
  const keyFile = pick('tls-key');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new UsageError('--tls-cert and --tls-key go together (TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY).');
  }
  const caFile = pick('tls-ca');
  const serverName = pick('tls-server-name');
  const tlsOptions: TemporalTlsOptions = {
    ...(caFile === undefined ? {} : { serverCa: readPem('tls-ca', caFile) }),
    ...(serverName === undefined ? {} : { serverName }),
    ...(certFile === undefined || keyFile === undefined
      ? {}
      : { clientCert: readPem('tls-cert', certFile), clientKey: readPem('tls-key', keyFile) }),
  };
  const tlsAsked = flags.tls ?? fromEnvironment.tls;
  if (tlsAsked === false && Object.keys(tlsOptions).length > 0) {
    throw new UsageError('TEMPORAL_TLS=false contradicts the TLS files or server name given.');
  }
  const tls = Object.keys(tlsOptions).length > 0 ? tlsOptions : tlsAsked;
  return {
    address,
    namespace,
    ...(fromEnvironment.apiKey === undefined ? {} : { apiKey: fromEnvironment.apiKey }),
    ...(tls === undefined ? {} : { tls }),
  };
}

function readPem(flag: string, file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --${flag} file "${file}": ${messageOf(error)}`);
  }
  if (!text.includes('-----BEGIN '))
    throw new UsageError(`--${flag} file "${file}" is not PEM (-----BEGIN …).`);
  return text;
}
