import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { findTemporalCli } from 'durable-agent';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeTemporalRelease, fakeGo } from '../../packages/agent/test/cli/support/fake-temporal-release';
import { freePort } from '../../packages/agent/test/support/free-port';
import { TemporalService } from '../../src/host/temporal/temporal-service';
import type { TemporalStatus } from '../../src/shared/models';
import { temporaryDirectory } from './support/temporary-directory';

const directory = temporaryDirectory('temporal-cli-first-start');
const savedEnvironment = { ...process.env };
afterAll(() => {
  process.env = savedEnvironment;
  directory.remove();
});

describe('TemporalService on a first start without a Temporal CLI', () => {
  it('gets the CLI by itself (go install here), shows each step as the Temporal status text and in the log, then is ready', async () => {
    const real = await findTemporalCli();
    const release = await FakeTemporalRelease.start(directory.path);
    release.fault = 'not-found';
    const go = fakeGo(path.join(directory.path, 'go'), real);
    const cache = path.join(directory.path, 'cache');
    const emptyBin = path.join(directory.path, 'empty-bin');
    mkdirSync(emptyBin);
    // This test file runs in a process of its own: its environment is the machine the app starts on.
    delete process.env.TEMPORAL_CLI_PATH;
    process.env.PATH = [go.bin, emptyBin].join(path.delimiter);
    process.env.DURABLE_AGENT_CACHE = cache;
    process.env.TEMPORAL_CLI_DOWNLOAD_BASE_URL = release.baseUrl;
    const statuses: TemporalStatus[] = [];
    const logs: string[] = [];
    const service = new TemporalService({
      dataDir: directory.path,
      target: { kind: 'embedded', port: await freePort(), uiPort: await freePort() },
      onStatus: (status) => statuses.push(status),
      onLog: (line) => logs.push(line),
    });
    try {
      await service.ready;

      const progress = statuses.filter((status) => status.progress !== undefined);
      expect(progress.map((status) => [status.state, status.progress])).toEqual([
        ['starting', `Temporal CLI not found; getting version 1.5.1 into ${path.join(cache, 'bin')} (once)`],
        [
          'starting',
          `Could not download the Temporal CLI (GET ${release.baseUrl}/temporal_cli_1.5.1_checksums.txt answered 404 Not Found)`,
        ],
        [
          'starting',
          'Building the Temporal CLI: go install github.com/temporalio/cli/cmd/temporal@v1.5.1 (first time only, a few minutes)',
        ],
        ['starting', expect.stringMatching(/^Built the Temporal CLI v1\.5\.1 in \d+ s$/)],
        [
          'starting',
          expect.stringMatching(/^Temporal CLI ready: .+\/cache\/bin\/temporal \(temporal version/),
        ],
      ]);
      expect(logs).toEqual(expect.arrayContaining(progress.map((status) => status.progress)));
      expect(service.status()).toMatchObject({ state: 'ready', source: 'embedded' });
      expect(service.status().progress).toBeUndefined();
      expect(existsSync(path.join(cache, 'bin', 'temporal'))).toBe(true);
    } finally {
      await service.close();
      await release.close();
    }
  });
});
