import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const config = join(root, '.dependency-cruiser.cjs');
const { LIBRARY_LAYERS } = createRequire(import.meta.url)(config) as { LIBRARY_LAYERS: string[] };
const cruiser = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
  readonly cycle?: readonly { readonly name: string }[];
}

/** Runs dependency-cruiser with the repository's rules over `paths` (relative to `cwd`); its violations. */
async function violationsIn(cwd: string, paths: readonly string[]): Promise<Violation[]> {
  const args = [cruiser, '--config', config, '--output-type', 'json', ...paths];
  const output = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }).then(
    (done) => done.stdout,
    // It exits non-zero when it finds violations; the report is still on stdout.
    (error: { stdout?: string }) => {
      if (!error.stdout) throw error;
      return error.stdout;
    },
  );
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

function describeViolation({ rule, from, to, cycle }: Violation): string {
  return `${rule.name}: ${from} → ${cycle ? cycle.map((step) => step.name).join(' → ') : to}`;
}

const fixtures: string[] = [];
afterAll(async () => {
  for (const folder of fixtures) await rm(folder, { recursive: true, force: true });
});

async function fixture(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'import-graph-'));
  fixtures.push(folder);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), text);
  }
  return folder;
}

describe('the import graph', () => {
  it('has no runtime import cycle, in the library or the app, and no library folder imports one listed after it', async () => {
    const violations = await violationsIn(root, ['packages/agent/src', 'src']);
    expect(violations.map(describeViolation)).toEqual([]);
  }, 120_000);

  it('gives every folder of the library its place in the layers', async () => {
    const folders = (await readdir(join(root, 'packages/agent/src'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !LIBRARY_LAYERS.includes(folder))).toEqual([]);
  });

  it('names a runtime cycle, an arrow pointing up and an imported barrel, and lets type-only cycles be', async () => {
    const folder = await fixture({
      'packages/agent/src/runs/followed.ts':
        "import { agent } from '../client/agent';\nexport const followed = agent;\n",
      'packages/agent/src/client/agent.ts':
        "import { followed } from '../runs/followed';\nexport const agent = () => followed;\n",
      'packages/agent/src/serve/handler.ts':
        "import { agent } from '../client/index';\nexport const handler = agent;\n",
      'packages/agent/src/client/index.ts': "export { agent } from './agent';\n",
      'src/host/journal.ts':
        "import { finalize } from './finalization';\nexport const journal = () => finalize;\n",
      'src/host/finalization.ts':
        "import { journal } from './journal';\nexport const finalize = () => journal;\n",
      'src/host/view.ts': "import type { Shown } from './shown';\nexport interface View { shown?: Shown }\n",
      'src/host/shown.ts': "import type { View } from './view';\nexport interface Shown { view?: View }\n",
    });
    const violations = (await violationsIn(folder, ['packages/agent/src', 'src'])).map(describeViolation);
    expect(violations).toEqual(
      expect.arrayContaining([
        'layer-runs: packages/agent/src/runs/followed.ts → packages/agent/src/client/agent.ts',
        expect.stringMatching(/^no-runtime-cycle: packages\/agent\/src\/(runs|client)\//),
        expect.stringMatching(/^no-runtime-cycle: src\/host\/(journal|finalization)\.ts/),
        'no-import-of-a-barrel: packages/agent/src/serve/handler.ts → packages/agent/src/client/index.ts',
      ]),
    );
    expect(
      violations.filter((line) => line.includes('src/host/view.ts') || line.includes('src/host/shown.ts')),
    ).toEqual([]);
  }, 120_000);
});
