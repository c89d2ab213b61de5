import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DEMO = path.join(import.meta.dirname, '..', '..', 'scripts', 'scale-out', 'demo.sh');

/** Why this machine cannot run the multi-host demo, or undefined when it can. */
function whyNot(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0)
    return 'not root: network namespaces need root (CI runs as root; locally: sudo npm run scale-out)';
  if (spawnSync('ip', ['netns', 'list']).status !== 0) return '`ip netns` is unavailable';
  return undefined;
}
const skipReason = whyNot();
if (skipReason) console.warn(`SKIPPED (not passed): the multi-host scale-out test — ${skipReason}`);

interface Summary {
  readonly runs: number;
  readonly workers: readonly string[];
  readonly removedHost: string;
  readonly partitionedHost: string;
  readonly modelCallsPerHostAtFault: Record<string, number>;
  readonly completedPerHost: Record<string, number>;
  readonly runsMoved: number;
  readonly runsCaughtByTheFaults: number;
  readonly attachedReplayedThenLive: number;
  readonly staleAttemptsRefusedAfterHeal: number;
  readonly failures: readonly string[];
  readonly passed: boolean;
}

describe('scripts/scale-out/demo.sh: one Temporal, a client host and three worker hosts (network namespaces)', () => {
  it.skipIf(skipReason)(
    `30 runs complete exactly once through a worker host removed mid-answer, another partitioned and healed, and the client host lost${skipReason ? ` [SKIPPED: ${skipReason}]` : ''}`,
    async () => {
      const directory = mkdtempSync(path.join(os.tmpdir(), 'scale-out-test-'));
      try {
        const summaryFile = path.join(directory, 'summary.json');
        const child = spawn('bash', [DEMO, '--runs', '30', '--workers', '3', '--summary', summaryFile], {
          env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        if (code !== 0) console.log(output);
        expect(code).toBe(0);

        const summary: Summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
        expect(summary.failures).toEqual([]);
        expect(summary.passed).toBe(true);
        expect(summary.runs).toBe(30);
        expect(summary.workers).toEqual(['w1', 'w2', 'w3']);
        // Load spread: every worker host was running model calls when the faults came.
        expect(Object.keys(summary.modelCallsPerHostAtFault).sort()).toEqual(['w1', 'w2', 'w3']);
        expect(Object.values(summary.completedPerHost).reduce((sum, count) => sum + count, 0)).toBe(30);
        // Runs caught mid-answer on the removed or partitioned host finished in a later attempt elsewhere.
        expect(summary.runsCaughtByTheFaults).toBeGreaterThan(0);
        expect(summary.runsMoved).toBeGreaterThan(0);
        expect(summary.attachedReplayedThenLive).toBeGreaterThan(0);
        // The stale worker's late writes refused: `failures` above is empty only when every run's one
        // recorded completion is its last attempt (none from the partitioned host's abandoned attempts).
        // How many it abandoned is reported (staleAttemptsRefusedAfterHeal), not required: it depends on
        // whether that host held an attempt at the cut and on which of its log lines came out.

        // Nothing is left behind: the script's cleanup line, and no namespace or link with its id.
        const id = /\(id ([0-9a-f]{4})\)/.exec(output)?.[1];
        expect(id).toBeDefined();
        expect(output).toContain('no namespace, interface or process of this run is left');
        expect(spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout).not.toContain(`da-${id}-`);
        expect(spawnSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).stdout).not.toContain(`da${id}`);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
