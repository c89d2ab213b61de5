/**
 * Builds the soak for plain Node: `soak/main.ts` → `out/soak/main.js` (web mode, the host it drives, is
 * built beside it by `node src/web/build-web.ts out/soak/web`). Runs as `node soak/build-soak.ts`
 * (Node's type stripping: this file imports no relative module).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  input: { main: path.join(root, 'soak/main.ts') },
  platform: 'node',
  // Bare imports are packages: keep them external (resolved from node_modules at run time).
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0'),
  logLevel: 'warn',
  output: { dir: path.join(root, 'out/soak'), format: 'esm', entryFileNames: '[name].js', sourcemap: true },
});
console.log('soak built: out/soak/main.js');
