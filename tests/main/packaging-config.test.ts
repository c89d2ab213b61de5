import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface CliTarget {
  readonly archive: string;
  readonly archiveUrl: string;
  readonly checksumsUrl: string;
  readonly directory: string;
  readonly binary: string;
}
const fetchScript = require('../../scripts/fetch-temporal-cli.cjs') as ((
  context: unknown,
) => Promise<void>) & {
  targetOf(platform: string, arch: string, version?: string): CliTarget;
};

async function loadConfig() {
  const config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(loadConfig()).resolves.toBeDefined();
  });

  it('packs the built app only (main, preload, renderer), without source maps', async () => {
    // Merged by electron-builder into file sets: `[{ filter: [...] }]`.
    const sets = (await loadConfig()).files as (string | { filter?: string[] })[];
    const files = sets.flatMap((set) => (typeof set === 'string' ? [set] : (set.filter ?? [])));
    expect(files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', '!**/*.map']),
    );
    expect(files.some((pattern) => pattern.startsWith('src/'))).toBe(false);
  });

  it('unpacks native modules from the asar and never rebuilds them (Node-API prebuilt binaries)', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it("puts the target's Temporal CLI in <resources>/bin, fetched before packing", async () => {
    const config = await loadConfig();
    expect(config.beforePack).toBe('scripts/fetch-temporal-cli.cjs');
    expect(typeof fetchScript).toBe('function');
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        // biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder's macros, not JavaScript's.
        { from: 'resources/bin/${os}-${arch}', to: 'bin', filter: ['temporal', 'temporal.exe'] },
      ]),
    );
  });

  it('builds AppImage and deb, dmg, nsis, each with an icon that exists', async () => {
    const config = await loadConfig();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon]) {
      expect(icon && existsSync(path.join(root, icon)), icon ?? 'icon').toBe(true);
    }
  });
});

const expectedFuses = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

/**
 * A stand-in for the Electron binary: the fuse sentinel @electron/fuses looks for, wire version 1, and
 * Electron's default wire ('1' enabled, '0' disabled) for its fuses. No Electron binary is downloaded here.
 */
function standInBinary(file: string): void {
  const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
  const defaults = '10110001'; // runAsNode, cookies, NODE_OPTIONS, inspect, asar integrity, only asar, v8, file://
  const wire = Buffer.concat([Buffer.from([Number(FuseVersion.V1), defaults.length]), Buffer.from(defaults)]);
  writeFileSync(file, Buffer.concat([Buffer.alloc(64, 7), sentinel, wire, Buffer.alloc(64, 7)]));
}

describe('electron-builder.yml: Electron fuses', () => {
  it('turns off run-as-node, NODE_OPTIONS and --inspect; turns on cookie encryption, asar integrity, only-asar', async () => {
    expect((await loadConfig()).electronFuses).toEqual(expectedFuses);
  });

  it("are flipped in the packed binary by electron-builder's own fuse step", async () => {
    const config = await loadConfig();
    const packager = PlatformPackager.prototype as unknown as {
      generateFuseConfig(fuses: unknown): Promise<Parameters<typeof import('@electron/fuses').flipFuses>[1]>;
    };
    const fuseConfig = await packager.generateFuseConfig.call(undefined, config.electronFuses);
    const directory = mkdtempSync(path.join(os.tmpdir(), 'fuses-'));
    try {
      const binary = path.join(directory, 'durable-agent');
      standInBinary(binary);
      const { flipFuses } = await import('@electron/fuses');
      expect(await flipFuses(binary, fuseConfig)).toBe(1);
      const wire = await getCurrentFuseWire(binary);
      const state = (option: FuseV1Options) => String.fromCharCode(wire[option] as number);
      expect(state(FuseV1Options.RunAsNode)).toBe('0');
      expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
      expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
      expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1');
      expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
      expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
      expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('fetch-temporal-cli', () => {
  it('names the official release archive of each platform and the folder extraResources reads (<os>-<arch>)', () => {
    const linux = fetchScript.targetOf('linux', 'x64', '1.5.1');
    expect(linux.archiveUrl).toBe(
      'https://github.com/temporalio/cli/releases/download/v1.5.1/temporal_cli_1.5.1_linux_amd64.tar.gz',
    );
    expect(linux.checksumsUrl).toBe(
      'https://github.com/temporalio/cli/releases/download/v1.5.1/temporal_cli_1.5.1_checksums.txt',
    );
    expect(path.relative(root, linux.binary)).toBe(path.join('resources', 'bin', 'linux-x64', 'temporal'));
    const mac = fetchScript.targetOf('darwin', 'arm64', '1.5.1');
    expect(mac.archive).toBe('temporal_cli_1.5.1_darwin_arm64.tar.gz');
    expect(path.relative(root, mac.directory)).toBe(path.join('resources', 'bin', 'mac-arm64'));
    const windows = fetchScript.targetOf('win32', 'x64', '1.5.1');
    expect(windows.archive).toBe('temporal_cli_1.5.1_windows_amd64.zip');
    expect(path.relative(root, windows.binary)).toBe(
      path.join('resources', 'bin', 'win-x64', 'temporal.exe'),
    );
  });

  it('refuses a platform or architecture Temporal does not release', () => {
    expect(() => fetchScript.targetOf('linux', 'ia32')).toThrow('no Temporal CLI release for linux/ia32');
    expect(() => fetchScript.targetOf('freebsd', 'x64')).toThrow('no Temporal CLI release for freebsd/x64');
  });

  it('as the beforePack hook refuses universal macOS builds', async () => {
    await expect(fetchScript({ electronPlatformName: 'darwin', arch: 4 })).rejects.toThrow('universal');
  });
});
