/**
 * Finds the Electron binary WITHOUT downloading it (`require('electron')` would try to: Electron ≥ 42
 * downloads its binary at first launch). Run as a script it is the gate of `npm run test:electron`:
 * prints why the Electron specs cannot run and exits 1, so they are never counted as passed.
 * Standalone (only `node:` imports) so Node runs it directly: `node e2e/electron/support/electron-binary.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type ElectronBinary =
  | { readonly found: true; readonly path: string }
  | { readonly found: false; readonly reason: string };

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** Where `node_modules/electron` keeps (or would keep) the binary of this platform. */
export function findElectronBinary(environment: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(packageDir, 'package.json'))) {
    return { found: false, reason: 'the electron package is not installed (run npm ci)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = environment.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, relative ?? defaultExecutable());
    return existsSync(binary)
      ? { found: true, path: binary }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path.basename(binary)} (${binary})` };
  }
  if (!relative) {
    return {
      found: false,
      reason:
        'node_modules/electron has no downloaded binary (no path.txt); Electron fetches it from GitHub at first launch, which this machine cannot reach',
    };
  }
  const binary = path.join(packageDir, 'dist', relative);
  return existsSync(binary)
    ? { found: true, path: binary }
    : { found: false, reason: `${path.relative(root, binary)} is missing` };
}

function defaultExecutable(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

/** The sentence every runner prints when the binary is missing. */
export function notRunMessage(reason: string): string {
  return [
    `Electron end-to-end specs did NOT run: the Electron binary is not installed (${reason}).`,
    'Nothing was tested, and nothing is reported as passed.',
    'Where downloads work: `node node_modules/electron/install.js`, then `npm run test:electron`',
    '(CI: .github/workflows/desktop.yml runs them on Linux under xvfb, macOS and Windows).',
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const binary = findElectronBinary();
  if (!binary.found) {
    console.error(notRunMessage(binary.reason));
    process.exit(1);
  }
  console.log(`Electron binary: ${binary.path}`);
}
