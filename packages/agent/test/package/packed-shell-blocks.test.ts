import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocumentBlock, documentBlocks, SHELL_LANGUAGES, unmarkedShellBlocks } from './markdown-blocks';
import {
  PACKAGE_DIRECTORY,
  REPOSITORY_ROOT,
  removeInBackground,
  sharedPackedProject,
} from './packed-project';
import { blockLabel, missingLine, type Printed, runShellBlock } from './shell-blocks';
import { ShellSession } from './shell-session';

const documents = [
  path.join(REPOSITORY_ROOT, 'README.md'),
  path.join(PACKAGE_DIRECTORY, 'README.md'),
  path.join(PACKAGE_DIRECTORY, 'starter', 'README.md'),
  ...readdirSync(path.join(REPOSITORY_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(REPOSITORY_ROOT, 'docs', name)),
];
const shellBlocks = (file: string): DocumentBlock[] =>
  documentBlocks(file).filter((block) => SHELL_LANGUAGES.includes(block.language));
const label = (block: DocumentBlock): string => blockLabel(block, REPOSITORY_ROOT);

let root: string;
let tarball: string;
beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-shell-'));
  // The shared install also fills npm's cache with what the blocks install: the reader's npm reaches
  // the registry, the namespaces the blocks run in reach nothing.
  tarball = (await sharedPackedProject()).tarball;
}, 300_000);
afterAll(() => {
  if (root) removeInBackground(root);
});

/** What a reader's shell has: their PATH, npm's cache (offline: no registry in the namespace), the Temporal CLI. */
function readerEnvironment(home: string): NodeJS.ProcessEnv {
  const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  return {
    PATH: process.env.PATH,
    HOME: home,
    USER: os.userInfo().username,
    LANG: 'C.UTF-8',
    npm_config_cache: npmCache,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    DURABLE_AGENT_CACHE:
      process.env.DURABLE_AGENT_CACHE ?? path.join(os.homedir(), '.cache', 'durable-agent'),
    ...(process.env.TEMPORAL_CLI_PATH ? { TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH } : {}),
  };
}

/** Runs a document's `run` blocks in order in `directory`; returns what each terminal printed. */
async function runDocument(session: ShellSession, file: string, directory: string): Promise<Printed[]> {
  const printed: Printed[] = [];
  for (const block of shellBlocks(file).filter((candidate) => candidate.mode === 'run'))
    printed.push(...(await runShellBlock(session, block, label(block), directory)));
  return printed;
}

describe('shell blocks of the docs, run as written against the packed library', () => {
  it('every shell block says `run`, or `skip` with its reason', () => {
    expect(
      documents.flatMap(unmarkedShellBlocks).map((file) => path.relative(REPOSITORY_ROOT, file)),
    ).toEqual([]);
    const skipped = documents.flatMap(shellBlocks).filter((block) => block.mode === 'skip');
    for (const block of skipped) expect(block.reason.length, `${label(block)} says why`).toBeGreaterThan(20);
  });

  it.concurrent.each([
    ['README.md', path.join(REPOSITORY_ROOT, 'README.md')],
    ['packages/agent/README.md, then the starter it makes', path.join(PACKAGE_DIRECTORY, 'README.md')],
  ])(
    '%s: each block runs in an empty folder holding the tarball and prints what the text says',
    async (_name, file) => {
      const base = mkdtempSync(path.join(root, 'reader-'));
      const home = path.join(base, 'home');
      const folder = path.join(base, 'folder');
      mkdirSync(home);
      mkdirSync(folder);
      copyFileSync(tarball, path.join(folder, path.basename(tarball)));
      const session = await ShellSession.open(folder, readerEnvironment(home));
      try {
        const printed = await runDocument(session, file, folder);
        // The starter's README, as `durable-agent init` wrote it, in the project it made.
        const starter = path.join(folder, 'my-agent');
        if (file === path.join(PACKAGE_DIRECTORY, 'README.md')) {
          expect(existsSync(path.join(starter, 'README.md'))).toBe(true);
          printed.push(...(await runDocument(session, path.join(starter, 'README.md'), starter)));
        }
        expect(printed.length).toBeGreaterThan(0);
        for (const { where, terminal, expected } of printed)
          expect(missingLine(expected, terminal.output, home), `${where} prints:\n${terminal.output}`).toBe(
            undefined,
          );
      } finally {
        await session.close();
      }
    },
    900_000,
  );
});
