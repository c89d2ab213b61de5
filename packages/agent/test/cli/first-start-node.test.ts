import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './support/cli-process';

const require = createRequire(__filename);
const checkNode = require(path.join(REPOSITORY_ROOT, 'scripts', 'check-node.cjs')) as {
  isRecentEnough(version: string): boolean;
};

/** A Node older than 22.12 installed on this machine (Debian's node 20 at /usr/bin/node), if any. */
const OLD_NODE = '/usr/bin/node';
const oldNodeVersion = existsSync(OLD_NODE)
  ? execFileSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).trim()
  : undefined;
const hasOldNode = oldNodeVersion !== undefined && !checkNode.isRecentEnough(oldNodeVersion);
/** npm run by the old Node: its bin dir first on PATH (npm's `#!/usr/bin/env node` picks it). */
const oldNodePath = `${path.dirname(OLD_NODE)}${path.delimiter}/bin`;
const npm = existsSync(path.join(path.dirname(OLD_NODE), 'npm'))
  ? path.join(path.dirname(OLD_NODE), 'npm')
  : 'npm';

const directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-first-start-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The files npm reads to install this repository, copied into a scratch directory. */
function repositoryCopy(name: string, withNpmrc: boolean): string {
  const copy = path.join(directory, name);
  mkdirSync(path.join(copy, 'packages', 'agent'), { recursive: true });
  mkdirSync(path.join(copy, 'scripts'));
  for (const file of [
    'package.json',
    'package-lock.json',
    'scripts/check-node.cjs',
    'packages/agent/package.json',
  ]) {
    copyFileSync(path.join(REPOSITORY_ROOT, file), path.join(copy, file));
  }
  if (withNpmrc) copyFileSync(path.join(REPOSITORY_ROOT, '.npmrc'), path.join(copy, '.npmrc'));
  return copy;
}

function runWithOldNode(command: string, args: readonly string[], cwd: string) {
  // --offline: should the engine check ever let an install through, it fails at once instead of downloading.
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: {
      HOME: process.env.HOME,
      PATH: oldNodePath,
      npm_config_offline: 'true',
      npm_config_ignore_scripts: '',
    },
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('first start on a Node older than 22.12', () => {
  it('tells the versions apart at 22.12', () => {
    expect(['v20.20.2', '22.11.9', 'v21.7.0'].map(checkNode.isRecentEnough)).toEqual([false, false, false]);
    expect(['v22.12.0', '22.23.5', 'v23.0.0', '24.1.0'].map(checkNode.isRecentEnough)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it.skipIf(!hasOldNode)(
    `npm install and npm ci stop at once (engine-strict), naming the Node needed (${oldNodeVersion})`,
    () => {
      for (const command of ['install', 'ci']) {
        const copy = repositoryCopy(`strict-${command}`, true);
        const { status, output } = runWithOldNode(npm, [command, '--no-audit', '--no-fund'], copy);

        expect(status, output).not.toBe(0);
        expect(output).toContain('EBADENGINE');
        expect(output).toContain('Required: {"node":">=22.12"}');
        expect(output).toContain(`"node":"${oldNodeVersion}"`);
        expect(existsSync(path.join(copy, 'node_modules'))).toBe(false);
      }
    },
  );

  it.skipIf(!hasOldNode)(
    'the preinstall check (what stops npm install when engine-strict is off) says what to do',
    () => {
      const copy = repositoryCopy('not-strict', false);
      const { status, output } = runWithOldNode(OLD_NODE, ['scripts/check-node.cjs'], copy);

      expect(status).toBe(1);
      expect(output).toContain(
        `Durable Agent needs Node >= 22.12; this is Node ${oldNodeVersion} (${OLD_NODE}).`,
      );
      expect(output).toContain('source scripts/ensure-node.sh');
      expect(require(path.join(REPOSITORY_ROOT, 'package.json')).scripts.preinstall).toBe(
        'node scripts/check-node.cjs',
      );
    },
  );

  it.skipIf(!hasOldNode)(
    'npm run web (and every script that builds the library first) stops with that advice',
    () => {
      const { status, output } = runWithOldNode(npm, ['run', 'build:lib'], REPOSITORY_ROOT);

      expect(status).not.toBe(0);
      expect(output).toContain(`Durable Agent needs Node >= 22.12; this is Node ${oldNodeVersion}`);
      expect(output).toContain('source scripts/ensure-node.sh');
      expect(output).not.toContain('tsc -p');
      const scripts = require(path.join(REPOSITORY_ROOT, 'package.json')).scripts as Record<string, string>;
      for (const name of ['web', 'start', 'dev', 'build', 'test'])
        expect(scripts[name]).toMatch(/^npm run build:lib && /);
    },
  );
});
