import type { TLSConfig } from '@temporalio/client';
import { z } from 'zod';

/**
 * TLS for a Temporal cluster or Temporal Cloud. Every field is optional: `{}` is TLS with the system's
 * root certificates; `serverCa` replaces them (a private CA), `serverName` is the name the server's
 * certificate must carry when the address says something else (an IP, a proxy), and `clientCert` +
 * `clientKey` are the mTLS pair (PEM text or bytes, not file paths: the CLI and the app read the files).
 */
export interface TemporalTlsOptions {
  readonly serverCa?: string | Uint8Array;
  readonly serverName?: string;
  readonly clientCert?: string | Uint8Array;
  readonly clientKey?: string | Uint8Array;
}

const pem = (what: string) =>
  z
    .union([z.string(), z.custom<Uint8Array>((value) => value instanceof Uint8Array)])
    .refine(
      (value) =>
        (typeof value === 'string' ? value : Buffer.from(value).toString('latin1')).includes('-----BEGIN '),
      `${what} must be PEM text (-----BEGIN …), not a file path`,
    );

export const TemporalTlsSchema = z
  .object({
    serverCa: pem('serverCa').optional(),
    serverName: z.string().min(1).optional(),
    clientCert: pem('clientCert').optional(),
    clientKey: pem('clientKey').optional(),
  })
  .strict()
  .refine((tls) => (tls.clientCert === undefined) === (tls.clientKey === undefined), {
    message: 'clientCert and clientKey go together (mTLS needs both)',
  });

/** The SDK's TLS setting: `false`/`undefined` pass through (the SDK turns TLS on for an API key). */
export function toTlsConfig(tls: boolean | TemporalTlsOptions | undefined): TLSConfig | boolean | undefined {
  if (tls === undefined || typeof tls === 'boolean') return tls;
  const bytes = (value: string | Uint8Array) => Buffer.from(value);
  return {
    ...(tls.serverName === undefined ? {} : { serverNameOverride: tls.serverName }),
    ...(tls.serverCa === undefined ? {} : { serverRootCACertificate: bytes(tls.serverCa) }),
    ...(tls.clientCert === undefined || tls.clientKey === undefined
      ? {}
      : { clientCertPair: { crt: bytes(tls.clientCert), key: bytes(tls.clientKey) } }),
  };
}

/** True when the connection uses TLS: asked for, or implied by an API key (as the SDK does). */
export function usesTls(options: { tls?: boolean | TemporalTlsOptions; apiKey?: string }): boolean {
  return options.tls === undefined ? options.apiKey !== undefined : options.tls !== false;
}
