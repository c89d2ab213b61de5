import { existsSync } from 'node:fs';
import path from 'node:path';
import { probeTemporal } from 'durable-agent';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/agent/test/support/free-port';
import { startEmbeddedTemporal } from '../../src/host/temporal/embedded-temporal';
import { TemporalService } from '../../src/host/temporal/temporal-service';
import type { TemporalStatus } from '../../src/shared/models';
import { temporaryDirectory } from './support/temporary-directory';

const directory = temporaryDirectory('embedded');
afterAll(() => directory.remove());

describe('startEmbeddedTemporal', () => {
  it('starts a dev server with its database in the data folder, reuses it when running, stops only its own', async () => {
    const port = await freePort();
    const uiPort = await freePort();
    const first = await startEmbeddedTemporal({ dataDir: directory.path, port, uiPort });
    try {
      expect(first).toMatchObject({
        address: `127.0.0.1:${port}`,
        reused: false,
        webUiUrl: `http://127.0.0.1:${uiPort}`,
      });
      expect(existsSync(path.join(directory.path, 'temporal.db'))).toBe(true);

      const second = await startEmbeddedTemporal({ dataDir: directory.path, port, uiPort });
      expect(second).toMatchObject({
        address: `127.0.0.1:${port}`,
        reused: true,
        webUiUrl: `http://127.0.0.1:${uiPort}`,
      });
      await second.stop();
      expect(await probeTemporal(first.address, 'default')).toBe('ready');
    } finally {
      await first.stop();
    }
    expect(await probeTemporal(first.address, 'default')).toBe('closed');
  });
});

describe('TemporalService', () => {
  it('reports an external address that nothing answers on as unreachable, with a reason', async () => {
    const statuses: TemporalStatus[] = [];
    const port = await freePort();
    const service = new TemporalService({
      dataDir: directory.path,
      target: { kind: 'external', address: `127.0.0.1:${port}` },
      onStatus: (status) => statuses.push(status),
    });
    await service.ready;
    expect(service.status()).toMatchObject({
      state: 'unreachable',
      source: 'external',
      error: `no Temporal server answers at 127.0.0.1:${port}`,
    });
    await service.close();
    expect(statuses.at(-1)).toMatchObject({ state: 'stopped' });
  });
});
