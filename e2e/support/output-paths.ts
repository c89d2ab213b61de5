import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Where the built pieces and the screenshots are. */
export const outputPaths = {
  root,
  webMain: path.join(root, 'out', 'web', 'main.js'),
  renderer: path.join(root, 'out', 'renderer'),
  screenshots: path.join(root, 'artifacts', 'screenshots'),
  required: [
    path.join(root, 'out', 'web', 'main.js'),
    path.join(root, 'out', 'renderer', 'index.html'),
    path.join(root, 'packages', 'agent', 'dist', 'index.js'),
  ],
};

export function screenshotPath(name: string): string {
  return path.join(outputPaths.screenshots, `${name}.png`);
}
