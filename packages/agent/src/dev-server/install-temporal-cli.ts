import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { messageOf } from '../common/error-message';
import { AgentError } from '../common/errors';
import {
  type FindTemporalCliOptions,
  findTemporalCli,
  isExecutableFile,
  temporalCliCacheDirectory,
} from './find-temporal-cli';
import { findGo, goInstallTemporalCli } from './go-install-temporal-cli';
import { withInstallLock } from './install-lock';
import { downloadTemporalCli, temporalCliRelease } from './temporal-cli-release';

/** The Temporal CLI version the library is tested with (DESIGN.md decision 8). */
export const TEMPORAL_CLI_VERSION = '1.5.1';

export interface InstallTemporalCliOptions {
  /** PATH (to find `go`), DURABLE_AGENT_CACHE, TEMPORAL_CLI_DOWNLOAD_BASE_URL; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** One line per step: downloading (with its share), checksum verified, building, ready. */
  readonly onProgress?: (message: string) => void;
  readonly signal?: AbortSignal;
  /** Default: this machine's. */
  readonly platform?: NodeJS.Platform;
  readonly arch?: string;
}

/**
 * Gets the Temporal CLI into the cache (`~/.cache/durable-agent/bin/temporal`, DURABLE_AGENT_CACHE moves
 * it) and resolves with its path: the official release for this platform, its SHA-256 checked against
 * the release's checksums file; failing that, `go install` where Go is on PATH. The binary must answer
 * `--version` before it is put in place (atomically, so a half-written one is never found). Two starts
 * at once: one installs, the other waits for it. Throws, naming each way's failure, when neither works.
 */
export async function installTemporalCli(options: InstallTemporalCliOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const report = options.onProgress ?? (() => undefined);
  const binDirectory = temporalCliCacheDirectory(env);
  const cacheDirectory = path.dirname(binDirectory);
  const release = temporalCliRelease(
    TEMPORAL_CLI_VERSION,
    options.platform ?? process.platform,
    options.arch ?? process.arch,
    env,
  );
  const finalPath = path.join(binDirectory, release?.executableName ?? 'temporal');
  await mkdir(binDirectory, { recursive: true });
  return withInstallLock(
    path.join(cacheDirectory, 'temporal-cli-install.lock'),
    report,
    options.signal,
    async () => {
      if (await isExecutableFile(finalPath)) return finalPath; // another start installed it meanwhile
      const scratch = await mkdtemp(path.join(cacheDirectory, '.temporal-install-'));
      const failures: string[] = [];
      try {
        if (release === undefined) {
          failures.push(`no release download for ${process.platform}/${process.arch}`);
        } else {
          try {
            const binary = await downloadTemporalCli(release, scratch, report, options.signal);
            return await putInPlace(binary, finalPath, report);
          } catch (error) {
            failures.push(`downloading the release failed: ${messageOf(error)}`);
            report(`Could not download the Temporal CLI (${messageOf(error)})`);
          }
        }
        const go = await findGo(env);
        if (go === undefined) {
          failures.push('no `go` on PATH to build it with');
        } else {
          try {
            const gobin = path.join(scratch, 'gobin');
            const binary = await goInstallTemporalCli({
              go,
              gobin,
              env,
              buildLog: path.join(cacheDirectory, 'temporal-build.log'),
              onProgress: report,
              signal: options.signal,
            });
            return await putInPlace(binary, finalPath, report);
          } catch (error) {
            failures.push(messageOf(error));
          }
        }
        throw new Error(failures.join('; '));
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    },
  );
}

/**
 * {@link findTemporalCli}, and when it finds none, {@link installTemporalCli}. Not when
 * TEMPORAL_CLI_PATH points at nothing (a mistake to fix, not to work around), nor with
 * DURABLE_AGENT_NO_TEMPORAL_INSTALL=1. When installing fails too, the error is `temporal-cli-not-found`
 * with the usual advice and why getting it failed.
 */
export async function findOrInstallTemporalCli(
  options: FindTemporalCliOptions & InstallTemporalCliOptions = {},
): Promise<string> {
  const env = options.env ?? process.env;
  try {
    return await findTemporalCli(options);
  } catch (error) {
    const installable =
      error instanceof AgentError &&
      error.code === 'temporal-cli-not-found' &&
      !env.TEMPORAL_CLI_PATH &&
      !env.DURABLE_AGENT_NO_TEMPORAL_INSTALL;
    if (!installable) throw error;
    options.onProgress?.(
      `Temporal CLI not found; getting version ${TEMPORAL_CLI_VERSION} into ${temporalCliCacheDirectory(env)} (once)`,
    );
    try {
      return await installTemporalCli(options);
    } catch (installError) {
      throw new AgentError(
        'temporal-cli-not-found',
        `${error.message} Getting it by itself failed: ${messageOf(installError)}.`,
        { cause: installError },
      );
    }
  }
}

/** Checks that the binary runs, then moves it into the cache. */
async function putInPlace(
  binary: string,
  finalPath: string,
  report: (message: string) => void,
): Promise<string> {
  await chmod(binary, 0o755);
  let version: string;
  try {
    const { stdout } = await promisify(execFile)(binary, ['--version'], { timeout: 20_000 });
    version = stdout.trim().split('\n')[0] ?? '';
  } catch (error) {
    throw new Error(`the binary does not run (\`temporal --version\`: ${messageOf(error)})`);
  }
  // The scratch directory is in the cache, so this is a rename on one file system: atomic.
  await rename(binary, finalPath);
  report(`Temporal CLI ready: ${finalPath}${version ? ` (${version})` : ''}`);
  return finalPath;
}
