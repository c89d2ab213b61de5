import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const VERSION = '1.5.1';
const ARCHIVE = `temporal_cli_${VERSION}_linux_amd64.tar.gz`;
const CHECKSUMS = `temporal_cli_${VERSION}_checksums.txt`;

/** How the fake release host misbehaves, if at all. */
export type ReleaseFault = 'none' | 'wrong-checksum' | 'unlisted' | 'cut' | 'not-found';

/**
 * Stands in for github.com/temporalio/cli/releases/download/v1.5.1 (unreachable from the test machine):
 * serves a linux/amd64 archive holding a stub `temporal` that answers `--version`, and a checksums file
 * in the release's format. Point TEMPORAL_CLI_DOWNLOAD_BASE_URL at `baseUrl`.
 */
export class FakeTemporalRelease {
  fault: ReleaseFault = 'none';
  readonly requests: string[] = [];
  readonly archiveSha256: string;
  private readonly archive: Buffer;

  private constructor(
    private readonly server: Server,
    directory: string,
  ) {
    const content = path.join(directory, 'release-content');
    mkdirSync(content, { recursive: true });
    const stub = path.join(content, 'temporal');
    writeFileSync(stub, `#!/bin/sh\necho "temporal version ${VERSION} (fake release)"\n`);
    chmodSync(stub, 0o755);
    writeFileSync(path.join(content, 'LICENSE'), 'MIT\n');
    const archiveFile = path.join(directory, ARCHIVE);
    execFileSync('tar', ['-czf', archiveFile, '-C', content, 'temporal', 'LICENSE']);
    this.archive = readFileSync(archiveFile);
    this.archiveSha256 = createHash('sha256').update(this.archive).digest('hex');
    server.on('request', (request, response) => {
      const url = request.url ?? '';
      this.requests.push(url);
      if (this.fault === 'not-found' || !url.startsWith(`/v${VERSION}/`)) {
        response.writeHead(404).end('Not Found');
      } else if (url.endsWith(`/${CHECKSUMS}`)) {
        response.end(this.checksums());
      } else if (url.endsWith(`/${ARCHIVE}`)) {
        response.writeHead(200, { 'content-length': String(this.archive.length) });
        if (this.fault === 'cut') {
          response.write(this.archive.subarray(0, Math.floor(this.archive.length / 2)));
          setTimeout(() => response.socket?.destroy(), 50);
        } else {
          response.end(this.archive);
        }
      } else {
        response.writeHead(404).end('Not Found');
      }
    });
  }

  static async start(directory: string): Promise<FakeTemporalRelease> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeTemporalRelease(server, directory);
  }

  /** The release's download directory, as TEMPORAL_CLI_DOWNLOAD_BASE_URL. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v${VERSION}`;
  }

  get archiveDownloads(): number {
    return this.requests.filter((url) => url.endsWith(ARCHIVE)).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private checksums(): string {
    const other = `${'0'.repeat(64)}  temporal_cli_${VERSION}_darwin_arm64.tar.gz\n`;
    if (this.fault === 'unlisted') return other;
    const hash = this.fault === 'wrong-checksum' ? 'f'.repeat(64) : this.archiveSha256;
    return `${other}${hash}  ${ARCHIVE}\n`;
  }
}

/**
 * A `go` that records its arguments and GOBIN (one line per call in `calls`), waits `delaySeconds`, and
 * "builds" the CLI by copying `source` (a real temporal binary, or a stub) to $GOBIN/temporal.
 */
export function fakeGo(directory: string, source: string, delaySeconds = 0): { bin: string; calls: string } {
  const bin = path.join(directory, 'fake-go-bin');
  mkdirSync(bin, { recursive: true });
  const calls = path.join(directory, 'go-calls.txt');
  writeFileSync(
    path.join(bin, 'go'),
    [
      '#!/bin/sh',
      'PATH=/usr/bin:/bin',
      `echo "$* GOBIN=$GOBIN" >> '${calls}'`,
      `sleep ${delaySeconds}`,
      'mkdir -p "$GOBIN"',
      `cp '${source}' "$GOBIN/temporal"`,
      '',
    ].join('\n'),
  );
  chmodSync(path.join(bin, 'go'), 0o755);
  return { bin, calls };
}

/** A stub `temporal` that answers `--version` (what a fake `go` copies when the server is not started). */
export function stubTemporal(directory: string): string {
  const file = path.join(directory, 'stub-temporal');
  writeFileSync(file, '#!/bin/sh\necho "temporal version 1.5.1 (built by the fake go)"\n');
  chmodSync(file, 0o755);
  return file;
}
