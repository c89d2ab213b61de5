import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentError } from '../../src/common/errors';
import { findTemporalCli } from '../../src/dev-server/find-temporal-cli';
import { findOrInstallTemporalCli, installTemporalCli } from '../../src/dev-server/install-temporal-cli';
import { assertLibraryBuilt, CliProcess } from './support/cli-process';
import { FakeTemporalRelease, fakeGo, stubTemporal } from './support/fake-temporal-release';

const directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-first-start-temporal-'));
let release: FakeTemporalRelease;
let cases = 0;
const processes: CliProcess[] = [];

beforeAll(async () => {
  release = await FakeTemporalRelease.start(directory);
});
afterEach(async () => {
  release.fault = 'none';
  await Promise.all(processes.splice(0).map((child) => child.kill()));
});
afterAll(async () => {
  await release.close();
  rmSync(directory, { recursive: true, force: true });
});

/** A machine without a Temporal CLI: an empty PATH (plus `extraPath`), an empty cache, the fake release host. */
function freshMachine(extraPath: readonly string[] = []) {
  cases += 1;
  const home = path.join(directory, `case-${cases}`);
  const emptyBin = path.join(home, 'empty-bin');
  mkdirSync(emptyBin, { recursive: true });
  const cache = path.join(home, 'cache');
  const env: NodeJS.ProcessEnv = {
    PATH: [...extraPath, emptyBin].join(path.delimiter),
    DURABLE_AGENT_CACHE: cache,
    TEMPORAL_CLI_DOWNLOAD_BASE_URL: release.baseUrl,
  };
  return { home, cache, env, binary: path.join(cache, 'bin', 'temporal') };
}

/** What is left in the cache besides a finished binary: scratch directories, a lock, a half-written file. */
function leftovers(cache: string): string[] {
  const names = existsSync(cache) ? readdirSync(cache) : [];
  const bin = existsSync(path.join(cache, 'bin')) ? readdirSync(path.join(cache, 'bin')) : [];
  return [
    ...names.filter((name) => name !== 'bin' && name !== 'temporal-build.log'),
    ...bin.filter((name) => name !== 'temporal'),
  ];
}

const linuxX64 = { platform: 'linux', arch: 'x64' } as const;

describe('installTemporalCli: the official release (a local server stands in for github.com)', () => {
  it('downloads the archive for the platform, checks its SHA-256 against the checksums file and caches the binary', async () => {
    const machine = freshMachine();
    const progress: string[] = [];

    const installed = await installTemporalCli({
      ...linuxX64,
      env: machine.env,
      onProgress: (line) => progress.push(line),
    });

    expect(installed).toBe(machine.binary);
    expect(readFileSync(installed, 'utf8')).toContain('fake release');
    expect(progress[0]).toBe(
      `Downloading Temporal CLI 1.5.1 from ${release.baseUrl}/temporal_cli_1.5.1_linux_amd64.tar.gz (0.0 MB)`,
    );
    expect(progress).toContain(
      `Temporal CLI 1.5.1: checksum verified (sha256 ${release.archiveSha256.slice(0, 16)}…)`,
    );
    expect(
      progress.some((line) => /^Downloading Temporal CLI 1\.5\.1: [\d.]+ of [\d.]+ MB \(100%\)$/.test(line)),
    ).toBe(true);
    expect(progress.at(-1)).toBe(
      `Temporal CLI ready: ${machine.binary} (temporal version 1.5.1 (fake release))`,
    );
    expect(leftovers(machine.cache)).toEqual([]);
  });

  it('the next start finds the cached binary and downloads nothing', async () => {
    const machine = freshMachine();
    await installTemporalCli({ ...linuxX64, env: machine.env });
    const downloads = release.archiveDownloads;

    expect(await findOrInstallTemporalCli({ env: machine.env, cwd: machine.home })).toBe(machine.binary);
    expect(release.archiveDownloads).toBe(downloads);
  });

  it('refuses an archive whose SHA-256 differs from the checksums file: nothing is cached', async () => {
    const machine = freshMachine();
    release.fault = 'wrong-checksum';

    const error = await installTemporalCli({ ...linuxX64, env: machine.env }).catch(
      (reason: unknown) => reason,
    );

    expect(String(error)).toContain(
      `checksum mismatch for temporal_cli_1.5.1_linux_amd64.tar.gz: expected sha256 ${'f'.repeat(64)}, got ${release.archiveSha256}`,
    );
    expect(existsSync(machine.binary)).toBe(false);
    expect(leftovers(machine.cache)).toEqual([]);
  });

  it('refuses an archive the checksums file does not list', async () => {
    const machine = freshMachine();
    release.fault = 'unlisted';

    const error = await installTemporalCli({ ...linuxX64, env: machine.env }).catch(
      (reason: unknown) => reason,
    );

    expect(String(error)).toContain(
      'temporal_cli_1.5.1_checksums.txt lists no SHA-256 for temporal_cli_1.5.1_linux_amd64.tar.gz',
    );
    expect(existsSync(machine.binary)).toBe(false);
  });

  it('does not install a download that was cut short', async () => {
    const machine = freshMachine();
    release.fault = 'cut';

    const error = await installTemporalCli({ ...linuxX64, env: machine.env }).catch(
      (reason: unknown) => reason,
    );

    expect(String(error)).toContain('downloading the release failed');
    expect(existsSync(machine.binary)).toBe(false);
    expect(leftovers(machine.cache)).toEqual([]);
  });
});

describe('installTemporalCli: go install where Go exists', () => {
  it('builds github.com/temporalio/cli/cmd/temporal@v1.5.1 into the cache when the release cannot be downloaded', async () => {
    const go = fakeGo(path.join(directory, 'go-1'), stubTemporal(path.join(directory)));
    const machine = freshMachine([go.bin]);
    release.fault = 'not-found';
    const progress: string[] = [];

    const found = await findOrInstallTemporalCli({
      env: machine.env,
      cwd: machine.home,
      onProgress: (line) => progress.push(line),
    });

    expect(found).toBe(machine.binary);
    const calls = readFileSync(go.calls, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(
      /^install github\.com\/temporalio\/cli\/cmd\/temporal@v1\.5\.1 GOBIN=.+\/gobin$/,
    );
    expect(progress).toContain(
      `Building the Temporal CLI: go install github.com/temporalio/cli/cmd/temporal@v1.5.1 (first time only, a few minutes)`,
    );
    expect(progress.at(-1)).toBe(
      `Temporal CLI ready: ${machine.binary} (temporal version 1.5.1 (built by the fake go))`,
    );
    expect(await findTemporalCli({ env: machine.env, cwd: machine.home })).toBe(machine.binary);
    expect(leftovers(machine.cache)).toEqual([]);
  });

  it('two first starts at once build once: the second waits for the first', async () => {
    const go = fakeGo(path.join(directory, 'go-2'), stubTemporal(directory), 1);
    const machine = freshMachine([go.bin]);
    release.fault = 'not-found';
    const progress: string[] = [];

    const both = await Promise.all([
      installTemporalCli({ ...linuxX64, env: machine.env }),
      new Promise((resolve) => setTimeout(resolve, 200)).then(() =>
        installTemporalCli({ ...linuxX64, env: machine.env, onProgress: (line) => progress.push(line) }),
      ),
    ]);

    expect(both).toEqual([machine.binary, machine.binary]);
    expect(readFileSync(go.calls, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(progress).toEqual([
      `Another process (pid ${process.pid}) is getting the Temporal CLI; waiting for it`,
    ]);
  });
});

describe('findOrInstallTemporalCli with neither a release nor Go', () => {
  it('fails with the usual advice and why getting it failed', async () => {
    const machine = freshMachine();
    release.fault = 'not-found';

    const error = await findOrInstallTemporalCli({ env: machine.env, cwd: machine.home }).catch(
      (reason: unknown) => reason,
    );

    expect(error).toBeInstanceOf(AgentError);
    expect((error as AgentError).code).toBe('temporal-cli-not-found');
    const message = (error as Error).message;
    expect(message).toContain('Temporal CLI not found (looked at: TEMPORAL_CLI_PATH (unset)');
    expect(message).toContain('or set TEMPORAL_CLI_PATH to a temporal binary, or put `temporal` on PATH.');
    expect(message).toContain(
      `Getting it by itself failed: downloading the release failed: GET ${release.baseUrl}/temporal_cli_1.5.1_checksums.txt answered 404 Not Found; no \`go\` on PATH to build it with.`,
    );
    expect(leftovers(machine.cache)).toEqual([]);
  });

  it('does not fetch anything when TEMPORAL_CLI_PATH names a file that is not there (a mistake to fix)', async () => {
    const machine = freshMachine();
    const env = { ...machine.env, TEMPORAL_CLI_PATH: path.join(machine.home, 'nope') };

    const error = await findOrInstallTemporalCli({ env, cwd: machine.home }).catch(
      (reason: unknown) => reason,
    );

    expect((error as Error).message).toContain('TEMPORAL_CLI_PATH is set to');
    expect(existsSync(machine.cache)).toBe(false);
  });
});

/** The real Temporal CLI the test run uses, for a fake `go` to "build" so a dev server really starts. */
async function realTemporalCli(): Promise<string | undefined> {
  return findTemporalCli().catch(() => undefined);
}

describe('durable-agent dev-server on a first start', () => {
  beforeAll(() => assertLibraryBuilt());

  it('without a Temporal CLI, builds one with go install, says so in the terminal, caches it and starts', async () => {
    const real = await realTemporalCli();
    if (real === undefined) throw new Error('the test run has no Temporal CLI to copy');
    const go = fakeGo(path.join(directory, 'go-cli'), real);
    const machine = freshMachine([go.bin, '/usr/bin', '/bin']);
    for (const place of ['/usr/bin', '/bin']) {
      expect(existsSync(path.join(place, 'temporal')) || existsSync(path.join(place, 'go'))).toBe(false);
    }
    release.fault = 'not-found';
    const env = { ...machine.env, HOME: machine.home, DURABLE_AGENT_DATA_DIR: machine.home };
    const server = CliProcess.start(
      'dev-server',
      ['dev-server', '--port', '0', '--in-memory', '--headless'],
      env,
      machine.home,
    );
    processes.push(server);

    await server.waitFor(/Temporal dev server ready at 127\.0\.0\.1:\d+/, { timeoutMs: 60_000 });
    expect(server.stdout.split('\n').slice(0, 5)).toEqual([
      'Starting Temporal dev server on 127.0.0.1:<free port> …',
      `Temporal CLI not found; getting version 1.5.1 into ${path.join(machine.cache, 'bin')} (once)`,
      `Could not download the Temporal CLI (GET ${release.baseUrl}/temporal_cli_1.5.1_checksums.txt answered 404 Not Found)`,
      'Building the Temporal CLI: go install github.com/temporalio/cli/cmd/temporal@v1.5.1 (first time only, a few minutes)',
      expect.stringMatching(/^Built the Temporal CLI v1\.5\.1 in \d+ s$/),
    ]);
    expect(server.stdout).toContain(`Temporal CLI ready: ${machine.binary} (temporal version`);
    expect(readFileSync(go.calls, 'utf8')).toMatch(
      /^install github\.com\/temporalio\/cli\/cmd\/temporal@v1\.5\.1 /,
    );

    server.signal('SIGINT');
    expect((await server.waitForExit()).code).toBe(0);
    expect(existsSync(machine.binary)).toBe(true);
  });

  it('with neither Go nor a reachable release, prints the clear message and exits 1', async () => {
    const machine = freshMachine();
    release.fault = 'not-found';
    const env = { ...machine.env, HOME: machine.home, DURABLE_AGENT_DATA_DIR: machine.home };
    const server = CliProcess.start(
      'dev-server',
      ['dev-server', '--port', '0', '--in-memory', '--headless'],
      env,
      machine.home,
    );
    processes.push(server);

    const exit = await server.waitForExit(30_000);

    expect(exit.code).toBe(1);
    expect(server.output).toContain('[error] Temporal CLI not found (looked at: TEMPORAL_CLI_PATH (unset)');
    expect(server.output).toContain('bash scripts/ensure-temporal.sh');
    expect(server.output).toContain('no `go` on PATH to build it with.');
  });
});
