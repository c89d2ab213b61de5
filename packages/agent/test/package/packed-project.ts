import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PACKAGE_DIRECTORY = path.join(__dirname, '..', '..');
export const REPOSITORY_ROOT = path.join(PACKAGE_DIRECTORY, '..', '..');

/** An empty project with the packed library installed into it, as a user gets it. */
export interface PackedProject {
  readonly directory: string;
  readonly tarball: string;
  /** The files in the tarball (`package/…`). */
  readonly files: readonly string[];
}

/**
 * The packed project of this test run, shared by its test files: the first to ask packs and installs it
 * (making a directory is the lock), the others wait for it. The global setup names its folder
 * (`DURABLE_AGENT_PACKED_ROOT`) and deletes it after the run.
 */
export async function sharedPackedProject(timeoutMs = 300_000): Promise<PackedProject> {
  const root = process.env.DURABLE_AGENT_PACKED_ROOT;
  if (!root)
    throw new Error('DURABLE_AGENT_PACKED_ROOT is not set: run the tests with vitest (its global setup)');
  const done = path.join(root, 'project.json');
  try {
    mkdirSync(path.join(root, 'lock'));
  } catch {
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(done)) {
      if (Date.now() > deadline) throw new Error(`no packed project in ${root} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const written = JSON.parse(readFileSync(done, 'utf8')) as { project?: PackedProject; error?: string };
    if (!written.project)
      throw new Error(`packing and installing failed in another test file: ${written.error}`);
    return written.project;
  }
  try {
    const project = await installPackedProject(root);
    writeFileSync(done, JSON.stringify({ project }));
    return project;
  } catch (error) {
    writeFileSync(done, JSON.stringify({ error: String(error) }));
    throw error;
  }
}

/**
 * `npm pack` of the built library, then `npm install <tarball> @temporalio/worker` (+ what the examples
 * and doc blocks import, and the types a TypeScript user has) into a new, empty project under `root` —
 * from npm's cache when it holds them. This also fills npm's cache with what the shell blocks install.
 */
async function installPackedProject(root: string): Promise<PackedProject> {
  const { tarball, files } = await packed(path.join(root, 'pack'));
  const directory = path.join(root, 'project');
  mkdirSync(directory);
  writeFileSync(
    path.join(directory, 'package.json'),
    `${JSON.stringify(
      {
        name: 'packed-project',
        private: true,
        type: 'module',
        allowScripts: { 'better-sqlite3': true, '@swc/core': false, protobufjs: false },
      },
      null,
      2,
    )}\n`,
  );
  await npmInstall(directory, [
    tarball,
    '@temporalio/worker@1.23.0',
    '@ag-ui/client@1.0.0', // durable-agent/ag-ui-client's peer, for README.md's DurableHttpAgent block
    'zod@4', // what the tools example imports: a project's own, not whichever zod npm hoists
    '@types/node@22',
  ]);
  // The READMEs' own install, resolved as a reader's npm resolves it (without the types pinned above: a
  // dependency's `@types/node` is then npm's latest), so that the offline shell blocks find it in the cache.
  const asReaders = path.join(root, 'as-readers');
  mkdirSync(asReaders);
  writeFileSync(path.join(asReaders, 'package.json'), '{ "name": "as-readers", "private": true }\n');
  await npmInstall(
    asReaders,
    [tarball, '@temporalio/worker@1.23.0', '@ag-ui/client@1.0.0'],
    ['--ignore-scripts'],
  );
  removeInBackground(asReaders);
  return { directory, tarball, files };
}

/** `npm install` of `packages` into `cwd`, from npm's cache when it holds them. */
async function npmInstall(
  cwd: string,
  packages: readonly string[],
  flags: readonly string[] = [],
): Promise<void> {
  await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...flags, ...packages],
    { cwd, maxBuffer: 16 * 1024 * 1024, timeout: 180_000 },
  );
}

async function packed(packDirectory: string): Promise<{ tarball: string; files: string[] }> {
  mkdirSync(packDirectory, { recursive: true });
  const { stdout } = await run(
    'npm',
    ['pack', PACKAGE_DIRECTORY, '--pack-destination', packDirectory, '--json'],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const [result] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (!result) throw new Error(`npm pack printed no package: ${stdout}`);
  const tarball = path.join(packDirectory, readdirSync(packDirectory)[0] ?? result.filename);
  return { tarball, files: result.files.map((file) => file.path) };
}

/** Deletes a test's folder after the test run, not during it: a few hundred MB of node_modules is slow to delete on a busy disk. */
export function removeInBackground(directory: string): void {
  spawn('rm', ['-rf', directory], { detached: true, stdio: 'ignore' }).unref();
}
