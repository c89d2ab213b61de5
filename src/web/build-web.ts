/**
 * Builds web mode for plain Node: `src/web/main.ts` → `out/web/main.js` and the worker entry →
 * `out/web/worker.js`. Packages stay external (resolved from node_modules at run time). Runs as
 * `node src/web/build-web.ts [outDir]` (Node's type stripping: this file imports no relative module).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles web mode into `outDir` (default `out/web`); resolves to the entry's path. */
export async function buildWeb(outDir = path.join(root, 'out', 'web')): Promise<string> {
  await build({
    input: { main: path.join(root, 'src/web/main.ts'), worker: path.join(root, 'src/worker/index.ts') },
    platform: 'node',
    // Bare imports are packages: keep them external. Relative ones are ours (and library source, for now).
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0'),
    logLevel: 'warn',
    output: { dir: outDir, format: 'esm', entryFileNames: '[name].js', sourcemap: true },
  });
  return path.join(outDir, 'main.js');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entry = await buildWeb(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`web mode built: ${path.relative(process.cwd(), entry)}`);
}
