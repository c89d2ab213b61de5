/**
 * How the app reaches an external Temporal beyond the address (Settings → Temporal): namespace, TLS,
 * the server's CA and name, an mTLS client certificate, an API key. The host keeps the plain parts in
 * `<dataDir>/temporal-connection.json` and the API key and the client key in its SecretStore (the
 * desktop app: the OS keychain through `safeStorage`); the renderer only learns whether they are set.
 * Ignored while the app runs its own embedded dev server.
 */
import { z } from 'zod';

export interface TemporalConnectionSettings {
  /** '' = "default". Temporal Cloud: `<namespace>.<account-id>`. */
  readonly namespace: string;
  /** TLS with the system's roots; any of CA, name, certificate or API key turns it on too. */
  readonly tls: boolean;
  /** The name the server's certificate must carry when the address says something else; '' = none. */
  readonly serverName: string;
  /** PEM of the CA that signed the server's certificate; '' = the system's roots. */
  readonly serverCa: string;
  /** PEM of the mTLS client certificate; '' = none. */
  readonly clientCert: string;
  readonly hasApiKey: boolean;
  readonly hasClientKey: boolean;
}

const pem = z
  .string()
  .max(64 * 1024)
  .refine((text) => text.trim() === '' || text.includes('-----BEGIN '), 'must be PEM text (-----BEGIN …)');

/** Every field optional: only what is given changes. Secrets: a string sets one, null removes it. */
export const saveTemporalConnectionSchema = z
  .object({
    namespace: z
      .string()
      .trim()
      .max(200)
      .regex(/^[A-Za-z0-9._-]*$/, 'a namespace is letters, digits, ".", "_" or "-"')
      .optional(),
    tls: z.boolean().optional(),
    serverName: z.string().trim().max(253).optional(),
    serverCa: pem.optional(),
    clientCert: pem.optional(),
    apiKey: z.string().trim().min(1).max(4096).nullable().optional(),
    clientKey: pem
      .refine((text) => text.trim() !== '', 'an empty key: send null to remove it')
      .nullable()
      .optional(),
  })
  .strict();

export type SaveTemporalConnectionRequest = z.input<typeof saveTemporalConnectionSchema>;
