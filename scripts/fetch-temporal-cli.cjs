#!/usr/bin/env node
/**
 * Puts the Temporal CLI of one target platform into `resources/bin/<os>-<arch>/temporal[.exe]`, where
 * electron-builder's `extraResources` picks it up as `<resources>/bin/temporal` of the installed app
 * (found there by `findTemporalCli()` through `process.resourcesPath`).
 *
 * Downloads the pinned release archive from Temporal's official releases (github.com/temporalio/cli),
 * checks it against the release's SHA-256 checksums file, extracts the binary. Already there with the
 * same version: nothing to do.
 *
 * - As electron-builder's `beforePack` hook: runs for each platform and architecture being packaged.
 * - By hand: `node scripts/fetch-temporal-cli.cjs [--platform linux|darwin|win32] [--arch x64|arm64]
 *   [--from <temporal binary>]` (defaults: this machine). `--from` (or DURABLE_AGENT_TEMPORAL_CLI_FROM)
 *   copies a binary you already have instead of downloading, e.g. for an offline packaging run.
 *
 * Environment: TEMPORAL_CLI_VERSION (default below), TEMPORAL_CLI_DOWNLOAD_BASE_URL (a mirror).
 */
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The CLI version the app is tested with (DESIGN.md decision 8). */
const DEFAULT_VERSION = '1.5.1';
const ROOT = path.resolve(__dirname, '..');

const RELEASE_OS = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
const BUILDER_OS = { linux: 'linux', darwin: 'mac', win32: 'win' };
const RELEASE_ARCH = { x64: 'amd64', arm64: 'arm64' };
/** electron-builder's `Arch` enum, by value. */
const BUILDER_ARCH = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** Where the binary for a target goes, and what the release calls its archive. */
function targetOf(platform, arch, version = process.env.TEMPORAL_CLI_VERSION || DEFAULT_VERSION) {
  const releaseOs = RELEASE_OS[platform];
  const releaseArch = RELEASE_ARCH[arch];
  if (!releaseOs || !releaseArch) {
    throw new Error(
      `no Temporal CLI release for ${platform}/${arch}: supported are linux, darwin, win32 on x64 and arm64`,
    );
  }
  const extension = platform === 'win32' ? 'zip' : 'tar.gz';
  const baseUrl =
    process.env.TEMPORAL_CLI_DOWNLOAD_BASE_URL ||
    `https://github.com/temporalio/cli/releases/download/v${version}`;
  const archive = `temporal_cli_${version}_${releaseOs}_${releaseArch}.${extension}`;
  const directory = path.join(ROOT, 'resources', 'bin', `${BUILDER_OS[platform]}-${arch}`);
  return {
    platform,
    arch,
    version,
    archive,
    archiveUrl: `${baseUrl}/${archive}`,
    checksumsUrl: `${baseUrl}/temporal_cli_${version}_checksums.txt`,
    directory,
    binary: path.join(directory, platform === 'win32' ? 'temporal.exe' : 'temporal'),
    marker: path.join(directory, 'VERSION'),
  };
}

async function download(url) {
  const response = await fetch(url, { redirect: 'follow' });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`);
  return Buffer.from(await response.arrayBuffer());
}

function extract(archiveFile, into, platform) {
  if (archiveFile.endsWith('.zip') && process.platform !== 'win32') {
    execFileSync('unzip', ['-o', '-q', archiveFile, '-d', into], { stdio: 'inherit' });
  } else {
    // GNU tar for .tar.gz; bsdtar (macOS, Windows 10+) reads .zip as well.
    execFileSync('tar', ['-xf', archiveFile, '-C', into], { stdio: 'inherit' });
  }
  const name = platform === 'win32' ? 'temporal.exe' : 'temporal';
  const found = findFile(into, name);
  if (!found) throw new Error(`the archive has no ${name}`);
  return found;
}

function findFile(directory, name) {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isFile() && entry.name === name) return full;
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    }
  }
  return undefined;
}

function install(source, target, origin) {
  fs.mkdirSync(target.directory, { recursive: true });
  fs.copyFileSync(source, target.binary);
  fs.chmodSync(target.binary, 0o755);
  fs.writeFileSync(target.marker, `${target.version}\n${origin}\n`);
}

/** Makes sure the target's binary is in place; returns its path. */
async function fetchTemporalCli({ platform, arch, from, log = console.log }) {
  const target = targetOf(platform, arch);
  const local = from || process.env.DURABLE_AGENT_TEMPORAL_CLI_FROM;
  if (local) {
    if (platform !== process.platform || arch !== process.arch) {
      throw new Error(`--from copies a binary for this machine (${process.platform}/${process.arch}) only`);
    }
    install(local, target, `copied from ${local}`);
    log(`Temporal CLI for ${platform}/${arch}: copied ${local} → ${path.relative(ROOT, target.binary)}`);
    return target.binary;
  }
  const current = fs.existsSync(target.marker) ? fs.readFileSync(target.marker, 'utf8').split('\n')[0] : '';
  if (current === target.version && fs.existsSync(target.binary)) {
    log(
      `Temporal CLI ${target.version} for ${platform}/${arch} already in ${path.relative(ROOT, target.directory)}`,
    );
    return target.binary;
  }
  log(`Temporal CLI ${target.version} for ${platform}/${arch}: downloading ${target.archiveUrl}`);
  const [archive, checksums] = await Promise.all([
    download(target.archiveUrl),
    download(target.checksumsUrl),
  ]);
  const expected = checksums
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find(([, name]) => name === target.archive)?.[0];
  if (!expected) throw new Error(`${target.checksumsUrl} lists no checksum for ${target.archive}`);
  const actual = createHash('sha256').update(archive).digest('hex');
  if (actual !== expected) {
    throw new Error(`checksum mismatch for ${target.archive}: expected ${expected}, got ${actual}`);
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-cli-'));
  try {
    const archiveFile = path.join(scratch, target.archive);
    fs.writeFileSync(archiveFile, archive);
    const unpacked = path.join(scratch, 'unpacked');
    fs.mkdirSync(unpacked);
    install(extract(archiveFile, unpacked, platform), target, target.archiveUrl);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  log(`Temporal CLI ${target.version} for ${platform}/${arch} → ${path.relative(ROOT, target.binary)}`);
  return target.binary;
}

/** electron-builder `beforePack`: the CLI of the platform and architecture about to be packed. */
async function beforePack(context) {
  const arch = BUILDER_ARCH[context.arch];
  if (arch === 'universal') {
    throw new Error('universal macOS builds are not supported: package arm64 and x64 separately');
  }
  await fetchTemporalCli({ platform: context.electronPlatformName, arch });
}

module.exports = beforePack;
module.exports.default = beforePack;
module.exports.fetchTemporalCli = fetchTemporalCli;
module.exports.targetOf = targetOf;

if (require.main === module) {
  const { values } = require('node:util').parseArgs({
    options: { platform: { type: 'string' }, arch: { type: 'string' }, from: { type: 'string' } },
  });
  fetchTemporalCli({
    platform: values.platform || process.platform,
    arch: values.arch || process.arch,
    from: values.from,
  }).catch((error) => {
    console.error(`Could not get the Temporal CLI: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
