import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCliConfig } from '../../src/cli/cli-config';
import { resolveTemporalConnection } from '../../src/cli/temporal-flags';
import { UsageError } from '../../src/cli/usage-error';
import { toTlsConfig, usesTls } from '../../src/temporal/temporal-tls';

const directory = mkdtempSync(path.join(os.tmpdir(), 'temporal-flags-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const pem = (name: string, label = 'CERTIFICATE') => {
  const file = path.join(directory, name);
  writeFileSync(file, `-----BEGIN ${label}-----\n${name}\n-----END ${label}-----\n`);
  return file;
};
const base = { address: 'localhost:7233', namespace: 'default' };

describe('Temporal connection flags and variables', () => {
  it('reads the TLS files named by TEMPORAL_TLS_* and turns TLS on', () => {
    const config = readCliConfig({
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'ns.acct',
      TEMPORAL_TLS_CERT: pem('client.pem'),
      TEMPORAL_TLS_KEY: pem('client.key', 'PRIVATE KEY'),
      TEMPORAL_TLS_CA: pem('ca.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(config.temporal).toMatchObject({
      address: 'ns.acct.tmprl.cloud:7233',
      namespace: 'ns.acct',
      tls: { serverName: 'temporal.internal' },
    });
    const tls = config.temporal.tls as { clientCert: string; clientKey: string; serverCa: string };
    expect(tls.clientCert).toContain('client.pem');
    expect(tls.clientKey).toContain('BEGIN PRIVATE KEY');
    expect(tls.serverCa).toContain('ca.pem');
  });

  it('lets flags win over the variables, and keeps the API key out of the flags', () => {
    const config = readCliConfig(
      {
        TEMPORAL_ADDRESS: 'a:1',
        TEMPORAL_NAMESPACE: 'one',
        TEMPORAL_API_KEY: 'key',
        TEMPORAL_TLS_SERVER_NAME: 'x',
      },
      { address: 'b:2', namespace: 'two', 'tls-server-name': 'y' },
    );
    expect(config.temporal).toEqual({
      address: 'b:2',
      namespace: 'two',
      apiKey: 'key',
      tls: { serverName: 'y' },
    });
  });

  it('refuses a certificate without its key, a file that is not PEM, a missing file, and TLS=false with TLS files', () => {
    expect(() => resolveTemporalConnection(base, { 'tls-cert': pem('only.pem') })).toThrow(
      new UsageError('--tls-cert and --tls-key go together (TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY).'),
    );
    const notPem = path.join(directory, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(() => resolveTemporalConnection(base, { 'tls-ca': notPem })).toThrow(
      /--tls-ca file ".*not\.pem" is not PEM/,
    );
    expect(() => resolveTemporalConnection(base, { 'tls-ca': path.join(directory, 'missing.pem') })).toThrow(
      /Cannot read --tls-ca file/,
    );
    expect(() => resolveTemporalConnection({ ...base, tls: false }, { 'tls-server-name': 'x' })).toThrow(
      /TEMPORAL_TLS=false contradicts/,
    );
  });

  it('gives the SDK the server name, CA and client pair as bytes; an API key alone means TLS', () => {
    expect(toTlsConfig({ serverName: 'n', serverCa: 'ca', clientCert: 'c', clientKey: 'k' })).toEqual({
      serverNameOverride: 'n',
      serverRootCACertificate: Buffer.from('ca'),
      clientCertPair: { crt: Buffer.from('c'), key: Buffer.from('k') },
    });
    expect(toTlsConfig(true)).toBe(true);
    expect(toTlsConfig(undefined)).toBeUndefined();
    expect(usesTls({ apiKey: 'k' })).toBe(true);
    expect(usesTls({ apiKey: 'k', tls: false })).toBe(false);
    expect(usesTls({})).toBe(false);
  });
});
