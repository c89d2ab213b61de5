import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/** Where Temporal publishes its CLI releases (`TEMPORAL_CLI_DOWNLOAD_BASE_URL` points at a mirror). */
const OFFICIAL_BASE_URL = 'https://github.com/temporalio/cli/releases/download';
/** No release archive is near this; a server sending more is not sending the CLI. */
const MAX_ARCHIVE_BYTES = 300 * 1024 * 1024;
/** Waiting this long for an answer, or for the next bytes of one, gives up. */
const STALL_TIMEOUT_MS = 30_000;
const RELEASE_OS: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
};
const RELEASE_ARCH: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' };

/** One platform's archive of a release, and the release's checksums file. */
export interface TemporalCliRelease {
  readonly version: string;
  readonly archiveName: string;
  readonly archiveUrl: string;
  readonly checksumsUrl: string;
  readonly executableName: string;
}

/** The release asset for a platform; `undefined` where Temporal publishes none (e.g. 32-bit). */
export function temporalCliRelease(
  version: string,
  platform: NodeJS.Platform,
  arch: string,
  env: NodeJS.ProcessEnv,
): TemporalCliRelease | undefined {
  const releaseOs = RELEASE_OS[platform];
  const releaseArch = RELEASE_ARCH[arch];
  if (releaseOs === undefined || releaseArch === undefined) return undefined;
  const base = (env.TEMPORAL_CLI_DOWNLOAD_BASE_URL || `${OFFICIAL_BASE_URL}/v${version}`).replace(/\/+$/, '');
  const archiveName = `temporal_cli_${version}_${releaseOs}_${releaseArch}.${platform === 'win32' ? 'zip' : 'tar.gz'}`;
  return {
    version,
    archiveName,
    archiveUrl: `${base}/${archiveName}`,
    checksumsUrl: `${base}/temporal_cli_${version}_checksums.txt`,
    executableName: platform === 'win32' ? 'temporal.exe' : 'temporal',
  };
}

/** The SHA-256 the checksums file (`<hex>  <file name>` per line) gives for `archiveName`. */
export function expectedChecksum(checksums: string, archiveName: string): string | undefined {
  for (const line of checksums.split('\n')) {
    const [hash, name] = line.trim().split(/\s+/);
    if (name?.replace(/^\*/, '') === archiveName && hash !== undefined && /^[0-9a-f]{64}$/i.test(hash)) {
      return hash.toLowerCase();
    }
  }
  return undefined;
}

/**
 * Downloads the release archive into `directory`, checks its SHA-256 against the release's checksums
 * file, and unpacks it there; resolves with the path of the unpacked `temporal` binary. Anything wrong —
 * an error status, a cut or stalled transfer, a checksum that differs or is missing — throws, naming it.
 */
export async function downloadTemporalCli(
  release: TemporalCliRelease,
  directory: string,
  onProgress: (message: string) => void,
  signal?: AbortSignal,
): Promise<string> {
  const checksums = await (await get(release.checksumsUrl, signal)).text();
  const expected = expectedChecksum(checksums, release.archiveName);
  if (expected === undefined) {
    throw new Error(`${release.checksumsUrl} lists no SHA-256 for ${release.archiveName}`);
  }
  const archive = path.join(directory, release.archiveName);
  const actual = await saveWithProgress(release, archive, onProgress, signal);
  if (actual !== expected) {
    throw new Error(
      `checksum mismatch for ${release.archiveName}: expected sha256 ${expected}, got ${actual}`,
    );
  }
  onProgress(`Temporal CLI ${release.version}: checksum verified (sha256 ${actual.slice(0, 16)}…)`);
  const unpacked = path.join(directory, 'unpacked');
  await mkdir(unpacked);
  // GNU tar reads .tar.gz; bsdtar (macOS, Windows 10+) reads .zip as well.
  await promisify(execFile)('tar', ['-xf', archive, '-C', unpacked], { signal });
  const binary = await findFile(unpacked, release.executableName);
  if (binary === undefined) throw new Error(`${release.archiveName} holds no ${release.executableName}`);
  return binary;
}

/** Streams the archive to `file`, reporting progress about once a second; resolves with its SHA-256. */
async function saveWithProgress(
  release: TemporalCliRelease,
  file: string,
  onProgress: (message: string) => void,
  signal?: AbortSignal,
): Promise<string> {
  const stall = new AbortController();
  const abort = signal ? AbortSignal.any([signal, stall.signal]) : stall.signal;
  let stallTimer = setTimeout(() => stall.abort(new Error('no data for 30 s')), STALL_TIMEOUT_MS);
  const response = await get(release.archiveUrl, abort);
  const total = Number(response.headers.get('content-length')) || undefined;
  if (total !== undefined && total > MAX_ARCHIVE_BYTES)
    throw new Error(`${release.archiveUrl} is ${mb(total)} MB`);
  const hash = createHash('sha256');
  const output = createWriteStream(file);
  let writeError: Error | undefined;
  output.on('error', (error) => {
    writeError = error;
  });
  let received = 0;
  let reportedAt = 0;
  try {
    onProgress(
      `Downloading Temporal CLI ${release.version} from ${release.archiveUrl}${total ? ` (${mb(total)} MB)` : ''}`,
    );
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => stall.abort(new Error('no data for 30 s')), STALL_TIMEOUT_MS);
      received += chunk.byteLength;
      if (received > MAX_ARCHIVE_BYTES)
        throw new Error(`${release.archiveUrl} sent more than ${mb(MAX_ARCHIVE_BYTES)} MB`);
      if (writeError) throw writeError;
      hash.update(chunk);
      if (!output.write(chunk)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
      if (Date.now() - reportedAt >= 1000 || received === total) {
        reportedAt = Date.now();
        const share = total ? ` of ${mb(total)} MB (${Math.floor((received / total) * 100)}%)` : ' MB';
        onProgress(`Downloading Temporal CLI ${release.version}: ${mb(received)}${share}`);
      }
    }
    if (total !== undefined && received !== total) {
      throw new Error(`the download of ${release.archiveName} was cut at ${received} of ${total} bytes`);
    }
  } catch (error) {
    throw abort.aborted && !signal?.aborted
      ? new Error(`downloading ${release.archiveUrl}: no data for 30 s`)
      : error;
  } finally {
    clearTimeout(stallTimer);
    await new Promise<void>((resolve) => output.end(() => resolve()));
  }
  if (writeError) throw new Error(`writing ${file} failed: ${writeError.message}`);
  return hash.digest('hex');
}

/** GET that gives up when no answer comes within the stall timeout (the body may take longer). */
async function get(url: string, signal?: AbortSignal): Promise<Response> {
  const waiting = new AbortController();
  const timer = setTimeout(() => waiting.abort(new Error('no answer within 30 s')), STALL_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal: signal ? AbortSignal.any([signal, waiting.signal]) : waiting.signal,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = waiting.signal.aborted
      ? 'no answer within 30 s'
      : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new Error(`GET ${url} failed: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`.trim());
  }
  return response;
}

async function findFile(directory: string, name: string): Promise<string | undefined> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isFile() && entry.name === name) return full;
    if (entry.isDirectory()) {
      const found = await findFile(full, name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
