import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from '../../src/main/app-paths';

describe('appPaths', () => {
  const mainDir = path.join('/app', 'out', 'main');

  it('finds the preload, renderer and worker next to the built main entry', () => {
    const paths = appPaths(mainDir, undefined);
    expect(paths.preload).toBe(path.join('/app', 'out', 'preload', 'index.cjs'));
    expect(paths.rendererDir).toBe(path.join('/app', 'out', 'renderer'));
    expect(paths.workerEntry).toBe(path.join('/app', 'out', 'main', 'worker.js'));
  });

  it("in a checkout uses resources/ and the Temporal CLI fetched for this machine's platform", () => {
    const paths = appPaths(mainDir, undefined);
    expect(paths.icon).toBe(path.join('/app', 'resources', 'icon.png'));
    expect(path.dirname(paths.fetchedTemporalCli!)).toMatch(
      /resources[\\/]bin[\\/](linux|mac|win)-(x64|arm64)$/,
    );
  });

  it('installed, takes the icon from the resources folder and leaves the CLI to <resources>/bin', () => {
    const paths = appPaths(mainDir, { resourcesPath: '/opt/Durable Agent/resources' });
    expect(paths.icon).toBe(path.join('/opt/Durable Agent/resources', 'icon.png'));
    expect(paths.fetchedTemporalCli).toBeUndefined();
  });
});
