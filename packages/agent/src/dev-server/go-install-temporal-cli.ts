import { spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { isExecutableFile } from './find-temporal-cli';

/** The Temporal CLI's Go module, as `scripts/ensure-temporal.sh` builds it. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
/** Tried in order: the tested version first, then the ones before it (a Go toolchain too old for it). */
export const GO_INSTALL_VERSIONS = ['v1.5.1', 'v1.5.0', 'v1.4.1'] as const;
const REPORT_EVERY_MS = 15_000;

/** The `go` executable on `env.PATH`, if any. */
export async function findGo(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const name = process.platform === 'win32' ? 'go.exe' : 'go';
  for (const directory of (env.PATH ?? '').split(path.delimiter)) {
    if (directory === '') continue;
    const candidate = path.resolve(directory, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Builds the Temporal CLI with `GOBIN=<gobin> go install github.com/temporalio/cli/cmd/temporal@<version>`,
 * trying each of {@link GO_INSTALL_VERSIONS}; resolves with the binary in `gobin`. Reports progress every
 * 15 s (a first build takes minutes); the output of failed builds goes to `buildLog`.
 */
export async function goInstallTemporalCli(options: {
  readonly go: string;
  readonly gobin: string;
  readonly env: NodeJS.ProcessEnv;
  readonly buildLog: string;
  readonly onProgress: (message: string) => void;
  readonly signal?: AbortSignal;
}): Promise<string> {
  const binary = path.join(options.gobin, process.platform === 'win32' ? 'temporal.exe' : 'temporal');
  const failures: string[] = [];
  for (const version of GO_INSTALL_VERSIONS) {
    const target = `${TEMPORAL_CLI_MODULE}@${version}`;
    options.onProgress(`Building the Temporal CLI: go install ${target} (first time only, a few minutes)`);
    const startedAt = Date.now();
    const ticker = setInterval(
      () =>
        options.onProgress(
          `Building the Temporal CLI ${version} with Go… ${Math.round((Date.now() - startedAt) / 1000)} s`,
        ),
      REPORT_EVERY_MS,
    );
    try {
      const { code, output } = await run(
        options.go,
        ['install', target],
        {
          ...options.env,
          GOBIN: options.gobin,
        },
        options.signal,
      );
      if (code === 0 && (await isExecutableFile(binary))) {
        options.onProgress(
          `Built the Temporal CLI ${version} in ${Math.round((Date.now() - startedAt) / 1000)} s`,
        );
        return binary;
      }
      const last = output.trim().split('\n').slice(-3).join(' | ') || '(no output)';
      failures.push(`${target}: ${code === 0 ? 'no binary was written' : `exit code ${code}`} — ${last}`);
      await appendFile(
        options.buildLog,
        `=== ${new Date().toISOString()} go install ${target} failed (exit code ${code}) ===\n${output.slice(-8000)}\n`,
      ).catch(() => undefined);
    } finally {
      clearInterval(ticker);
    }
    if (options.signal?.aborted) break;
  }
  throw new Error(`go install failed (${failures.join('; ')}); details in ${options.buildLog}`);
}

function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-64_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}
