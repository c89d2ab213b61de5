import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AgentError } from '../common/errors';

/** Where to look; every field defaults to the current process's. */
export interface FindTemporalCliOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Electron's `process.resourcesPath` of an installed app. */
  readonly resourcesPath?: string;
}

const executableName = process.platform === 'win32' ? 'temporal.exe' : 'temporal';

/** The project-local cache that `scripts/ensure-temporal.sh` builds the CLI into. */
export function temporalCliCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.DURABLE_AGENT_CACHE || path.join(os.homedir(), '.cache', 'durable-agent'), 'bin');
}

/**
 * Finds the Temporal CLI (DESIGN.md decision 8): `$TEMPORAL_CLI_PATH`; `resources/bin` of an
 * installed app (Electron's `process.resourcesPath`) or of the working directory; `temporal` on
 * `PATH`; the project-local cache. Throws `temporal-cli-not-found` naming every place it looked.
 */
export async function findTemporalCli(options: FindTemporalCliOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (await isExecutableFile(explicit)) return path.resolve(explicit);
    throw new AgentError(
      'temporal-cli-not-found',
      `TEMPORAL_CLI_PATH is set to "${explicit}", which is not an executable file. ` +
        'Point it at a temporal binary, or unset it to use the one found on PATH or built by `bash scripts/ensure-temporal.sh`.',
    );
  }
  const places = candidatePlaces(options, env);
  for (const place of places) {
    for (const file of place.files) {
      if (await isExecutableFile(file)) return file;
    }
  }
  throw temporalCliNotFound(['TEMPORAL_CLI_PATH (unset)', ...places.map((place) => place.label)]);
}

/** The error for a missing CLI, listing where it was looked for and how to get one. */
export function temporalCliNotFound(lookedAt: readonly string[]): AgentError {
  return new AgentError(
    'temporal-cli-not-found',
    `Temporal CLI not found (looked at: ${lookedAt.join(', ')}). ` +
      'Get it with `bash scripts/ensure-temporal.sh` (builds it with Go, once), ' +
      'or set TEMPORAL_CLI_PATH to a temporal binary, or put `temporal` on PATH.',
  );
}

/** Whether `file` is a regular file this process may execute. */
export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    const stats = await stat(file);
    if (!stats.isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

interface CandidatePlace {
  readonly label: string;
  readonly files: readonly string[];
}

function candidatePlaces(options: FindTemporalCliOptions, env: NodeJS.ProcessEnv): CandidatePlace[] {
  const resourcesPath = options.resourcesPath ?? (process as { resourcesPath?: string }).resourcesPath;
  const bundledDirectories = [
    // An installed app: the packager copies resources/bin next to app.asar, as bin/ (or resources/bin/).
    ...(resourcesPath ? [path.join(resourcesPath, 'bin'), path.join(resourcesPath, 'resources', 'bin')] : []),
    // A checkout: resources/bin of the working directory.
    path.join(options.cwd ?? process.cwd(), 'resources', 'bin'),
  ];
  const pathDirectories = (env.PATH ?? '').split(path.delimiter).filter((directory) => directory !== '');
  const file = (directory: string) => path.resolve(directory, executableName);
  return [
    ...bundledDirectories.map((directory) => ({ label: file(directory), files: [file(directory)] })),
    { label: `\`${executableName}\` on PATH`, files: pathDirectories.map(file) },
    { label: file(temporalCliCacheDirectory(env)), files: [file(temporalCliCacheDirectory(env))] },
  ];
}
