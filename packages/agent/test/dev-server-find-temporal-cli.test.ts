import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentError } from '../src/common/errors';
import { findTemporalCli } from '../src/dev-server/find-temporal-cli';

const directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-find-cli-'));

afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** An executable file named `temporal` in `parent`. */
function fakeCli(parent: string): string {
  mkdirSync(parent, { recursive: true });
  const file = path.join(parent, 'temporal');
  writeFileSync(file, '#!/bin/sh\necho fake\n');
  chmodSync(file, 0o755);
  return file;
}

describe('findTemporalCli', () => {
  const empty = path.join(directory, 'empty');
  mkdirSync(empty, { recursive: true });
  const nowhere = { PATH: empty, DURABLE_AGENT_CACHE: path.join(directory, 'no-cache') };

  it('prefers TEMPORAL_CLI_PATH', async () => {
    const explicit = fakeCli(path.join(directory, 'explicit'));
    const onPath = fakeCli(path.join(directory, 'on-path'));

    const found = await findTemporalCli({
      env: { PATH: path.dirname(onPath), TEMPORAL_CLI_PATH: explicit },
      cwd: empty,
    });

    expect(found).toBe(explicit);
  });

  it('rejects a TEMPORAL_CLI_PATH that is not an executable, naming it', async () => {
    const error = await findTemporalCli({
      env: { ...nowhere, TEMPORAL_CLI_PATH: '/no/such/temporal' },
    }).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(AgentError);
    expect((error as AgentError).code).toBe('temporal-cli-not-found');
    expect((error as AgentError).message).toContain('/no/such/temporal');
  });

  it('finds resources/bin of an installed app before PATH', async () => {
    const resourcesPath = path.join(directory, 'app-resources');
    const bundled = fakeCli(path.join(resourcesPath, 'bin'));
    const onPath = fakeCli(path.join(directory, 'on-path-2'));

    const found = await findTemporalCli({ env: { PATH: path.dirname(onPath) }, cwd: empty, resourcesPath });

    expect(found).toBe(bundled);
  });

  it('finds resources/bin of the working directory, then PATH, then the cache', async () => {
    const checkout = path.join(directory, 'checkout');
    const inCheckout = fakeCli(path.join(checkout, 'resources', 'bin'));
    const onPath = fakeCli(path.join(directory, 'on-path-3'));
    const cache = path.join(directory, 'cache');
    const cached = fakeCli(path.join(cache, 'bin'));

    expect(
      await findTemporalCli({
        env: { PATH: path.dirname(onPath), DURABLE_AGENT_CACHE: cache },
        cwd: checkout,
      }),
    ).toBe(inCheckout);
    expect(
      await findTemporalCli({ env: { PATH: path.dirname(onPath), DURABLE_AGENT_CACHE: cache }, cwd: empty }),
    ).toBe(onPath);
    expect(await findTemporalCli({ env: { PATH: empty, DURABLE_AGENT_CACHE: cache }, cwd: empty })).toBe(
      cached,
    );
  });

  it('says where it looked and how to get the CLI when there is none', async () => {
    const error = await findTemporalCli({ env: nowhere, cwd: empty }).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(AgentError);
    const message = (error as AgentError).message;
    expect((error as AgentError).code).toBe('temporal-cli-not-found');
    expect(message).toContain(path.join(empty, 'resources', 'bin', 'temporal'));
    expect(message).toContain(path.join(directory, 'no-cache', 'bin', 'temporal'));
    expect(message).toContain('bash scripts/ensure-temporal.sh');
    expect(message).toContain('TEMPORAL_CLI_PATH');
  });
});
