import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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
 * `npm pack` of the built library, then `npm install <tarball> @temporalio/worker` (+ the types a
 * TypeScript user has) into a new, empty project — from npm's cache when it holds them (offline).
 */
export async function installPackedProject(): Promise<PackedProject> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-packed-'));
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
  await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      tarball,
      '@temporalio/worker@1.23.0',
      '@ag-ui/client@1.0.0', // durable-agent/ag-ui-client's peer, for README.md's DurableHttpAgent block
      'zod@4', // what the tools example imports: a project's own, not whichever zod npm hoists
      '@types/node@22',
    ],
    { cwd: directory, maxBuffer: 16 * 1024 * 1024, timeout: 180_000 },
  );
  return { directory, tarball, files };
}

/** `npm pack` of the built library into `packDirectory` (made here): the tarball's path. */
export async function packLibrary(packDirectory: string): Promise<string> {
  return (await packed(packDirectory)).tarball;
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
