import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { temporalAddress } from '../support/temporal-connection';
import { type DocumentBlock, documentBlocks } from './markdown-blocks';
import {
  PACKAGE_DIRECTORY,
  type PackedProject,
  REPOSITORY_ROOT,
  sharedPackedProject,
} from './packed-project';

const run = promisify(execFile);
let project: PackedProject;

beforeAll(async () => {
  project = await sharedPackedProject();
}, 300_000);

/** Runs `node <file>` in the project, as a user would after copying it there; fails with its output. */
async function runInProject(file: string, timeout = 30_000): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [file], {
      cwd: project.directory,
      env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress() },
      timeout,
    });
    return stdout;
  } catch (error) {
    const {
      stdout = '',
      stderr = '',
      killed,
    } = error as { stdout?: string; stderr?: string; killed?: boolean };
    throw new Error(
      `${path.basename(file)} ${killed ? `did not end within ${timeout} ms` : 'failed'}\n${stdout}\n${stderr}`,
    );
  }
}

/** At most two examples at once: each starts a worker, and this machine may be shared. */
let running = 0;
const waiting: (() => void)[] = [];
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const examples: Record<string, readonly string[]> = {
  'quick-start': ['[tool] calculator', 'The result is 84.', 'followed: completed "The result is 42."'],
  'tools-and-approvals': [
    '[approval] saveNote {"text":"buy milk"}',
    'notes: ["buy milk"]',
    'status=completed',
  ],
  'sub-agents': [
    '[sub-agent researcher] completed, 1 attempt(s)',
    'The researcher reports: Three facts about Temporal',
  ],
  serve: ['events: RUN_STARTED … RUN_FINISHED', 'answer: Hello! How can I help you today?'],
  mcp: ['[mcp] calculator: ready', 'The calculator_add tool returned: 42'],
};

// The examples and the starter run at once (examples two at a time, see inTurn): most of their time is
// spent waiting on Temporal and the demo model. The doc blocks come after, one at a time, so that their
// 30 s — the docs' promise — is not spent waiting on a busy machine's CPU.
describe.concurrent('the packed library (npm pack, installed into an empty project)', () => {
  it('holds its README, LICENSE, CHANGELOG, examples and starter, and typed exports for every subpath', () => {
    const files = new Set(project.files);
    for (const file of [
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'starter/src/agent.js',
      'starter/test/agent.test.js',
    ])
      expect(files, file).toContain(file);
    for (const name of Object.keys(examples)) expect(files).toContain(`examples/${name}.mjs`);
    expect(readFileSync(path.join(PACKAGE_DIRECTORY, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const installed = path.join(project.directory, 'node_modules', 'durable-agent');
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      exports: Record<string, string | { types: string; default: string }>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') continue;
      expect(existsSync(path.join(installed, target.types)), `${subpath} types`).toBe(true);
      expect(existsSync(path.join(installed, target.default)), `${subpath} code`).toBe(true);
    }
    expect(Object.keys(manifest.exports)).toEqual(
      expect.arrayContaining(['.', './client', './run-view', './workflow']),
    );
  });

  it('durable-agent/client loads without @temporalio/worker', async () => {
    const probe = path.join(project.directory, 'client-only.cjs');
    writeFileSync(
      probe,
      `const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request.startsWith('@temporalio/worker')) throw new Error('loaded ' + request);
  return load.call(this, request, ...rest);
};
const client = require('durable-agent/client');
console.log(['Agent', 'applyRunEvent', 'createAgUiHandler', 'InMemoryRunJournal'].filter((name) => name in client).join(' '));`,
    );
    expect((await runInProject(probe)).trim()).toBe(
      'Agent applyRunEvent createAgUiHandler InMemoryRunJournal',
    );
  });

  it.concurrent.each(Object.entries(examples))(
    'examples/%s.mjs runs as is and prints what it says',
    async (name, lines) => {
      const source = path.join(project.directory, 'node_modules', 'durable-agent', 'examples');
      for (const file of readdirSync(source))
        copyFileSync(path.join(source, file), path.join(project.directory, file));
      const stdout = await inTurn(() => runInProject(path.join(project.directory, `${name}.mjs`), 90_000));
      for (const line of lines) expect(stdout).toContain(line);
    },
    240_000, // queued two at a time
  );

  it('`durable-agent init my-agent` writes a starter that depends on this very package, packed into it', async () => {
    const bin = path.join(project.directory, 'node_modules', '.bin', 'durable-agent');
    await run(bin, ['init', 'my-agent'], { cwd: project.directory, timeout: 60_000 });
    const starter = path.join(project.directory, 'my-agent');
    const manifest = JSON.parse(readFileSync(path.join(starter, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.scripts)).toEqual(['start', 'test']);
    expect(manifest.dependencies['durable-agent']).toMatch(/^file:vendor\/durable-agent-.*\.tgz$/);
    expect(
      existsSync(path.join(starter, manifest.dependencies['durable-agent']!.slice('file:'.length))),
    ).toBe(true);
    // Its own `npm install`, `npm test` and `npm start` run as its README says in packed-shell-blocks.test.ts.
  }, 180_000); // npm pack under load
});

const documents = [
  path.join(REPOSITORY_ROOT, 'README.md'),
  path.join(PACKAGE_DIRECTORY, 'README.md'),
  ...readdirSync(path.join(REPOSITORY_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(REPOSITORY_ROOT, 'docs', name)),
];
const blocks = documents.flatMap(documentBlocks);
/** The JavaScript a reader runs with Node (shell blocks are run by packed-shell-blocks.test.ts). */
const scripts = blocks.filter((block) => block.mode === 'run' && block.language === 'js');
const label = (block: DocumentBlock) => `${path.relative(REPOSITORY_ROOT, block.file)}:${block.line}`;

describe('documentation blocks, run as written against the packed library', () => {
  it('the READMEs hold runnable blocks', () => {
    expect(scripts.map(label)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^README\.md:/),
        expect.stringMatching(/^packages\/agent\/README\.md:/),
      ]),
    );
  });

  it.each(scripts.map((block) => [label(block), block] as const))(
    '%s runs, exits 0 within 30 s and prints what the text says',
    async (_label, block) => {
      const file = path.join(
        project.directory,
        `block-${path.basename(block.file, '.md')}-${block.line}.mjs`,
      );
      writeFileSync(file, block.code);
      const stdout = await inTurn(() => runInProject(file, 30_000));
      for (const line of block.output) expect(stdout).toContain(line);
    },
    60_000,
  );

  it('every TypeScript block type-checks with strict and skipLibCheck false', async () => {
    const checked = blocks.filter((block) => block.mode === 'check' && block.language === 'ts');
    expect(checked.length).toBeGreaterThan(0);
    const names = checked.map((block) => {
      const name = `check-${path.basename(block.file, '.md')}-${block.line}.ts`;
      writeFileSync(path.join(project.directory, name), `${block.code}\nexport {};\n`);
      return name;
    });
    writeFileSync(
      path.join(project.directory, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          types: ['node'],
        },
        files: names,
      }),
    );
    const tsc = path.join(REPOSITORY_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: project.directory,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(result.stdout).toBe('');
  }, 300_000); // skipLibCheck false reads every declaration file the library's types reach
});
