import type { Connection } from '@temporalio/client';
import { z } from 'zod';
import { type TemporalTlsOptions, TemporalTlsSchema } from './temporal-tls';

/**
 * Where Temporal is: an address (+ namespace, TLS or API key for Temporal Cloud), or a ready connection.
 * `tls: true` uses the system's roots; an object adds a private CA, a server name and an mTLS pair.
 * An `apiKey` (sent as `Authorization: Bearer …`) turns TLS on unless `tls` is `false`.
 */
export interface TemporalOptions<TConnection extends object = Connection> {
  readonly address?: string;
  readonly namespace?: string;
  readonly tls?: boolean | TemporalTlsOptions;
  readonly apiKey?: string;
  /**
   * An existing connection: a client `Connection` for `Agent`, a `NativeConnection` (from
   * `@temporalio/worker`) for `AgentWorker`.
   */
  readonly connection?: TConnection;
}

export const DEFAULT_TEMPORAL_ADDRESS = 'localhost:7233';
export const DEFAULT_NAMESPACE = 'default';

export const TemporalOptionsSchema = z
  .object({
    address: z
      .string()
      .min(1)
      .regex(/^[^\s/]+:\d+$/, 'must look like host:port')
      .default(DEFAULT_TEMPORAL_ADDRESS),
    namespace: z.string().min(1).default(DEFAULT_NAMESPACE),
    tls: z.union([z.boolean(), TemporalTlsSchema]).optional(),
    apiKey: z.string().min(1).optional(),
    connection: z.custom<object>((value) => typeof value === 'object' && value !== null).optional(),
  })
  .default({ address: DEFAULT_TEMPORAL_ADDRESS, namespace: DEFAULT_NAMESPACE });

export type ResolvedTemporalOptions = z.output<typeof TemporalOptionsSchema>;
