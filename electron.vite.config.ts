/**
 * electron-vite: main, preload and renderer. Main and preload are built only once their entry files
 * exist, so the renderer can be built on its own before the desktop shell lands.
 * `electron-vite build --mode renderer-only` (npm run build:renderer) builds the renderer alone — what
 * web mode serves from `out/renderer`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'electron-vite';

const root = import.meta.dirname;
const mainEntry = resolve(root, 'src/main/index.ts');
const preloadEntry = resolve(root, 'src/preload/index.ts');

/**
 * A package import (`zod`, `@temporalio/worker`, `node:fs`), not a file of ours: not relative, not
 * absolute (POSIX or Windows), not virtual. A RegExp: electron-vite merges it with its own list.
 */
const bareImport = /^(?![a-zA-Z]:[\\/])[^./\\\0]/;

export default defineConfig(({ mode }) => {
  const rendererOnly = mode === 'renderer-only';
  const config: UserConfig = {
    renderer: {
      root: resolve(root, 'src/renderer'),
      plugins: [react()],
      build: {
        outDir: resolve(root, 'out/renderer'),
        emptyOutDir: true,
        minify: true,
        chunkSizeWarningLimit: 1000,
        rollupOptions: { input: resolve(root, 'src/renderer/index.html') },
      },
    },
  };
  if (!rendererOnly && existsSync(mainEntry)) {
    config.main = {
      build: {
        outDir: resolve(root, 'out/main'),
        // Every package stays external (resolved from node_modules, packaged by electron-builder):
        // native modules, @temporalio/* and the library's prebuilt workflow bundle must stay files.
        externalizeDeps: false,
        rollupOptions: {
          input: { index: mainEntry, worker: resolve(root, 'src/worker/index.ts') },
          external: [bareImport],
        },
      },
    };
  }
  if (!rendererOnly && existsSync(preloadEntry)) {
    config.preload = {
      build: {
        outDir: resolve(root, 'out/preload'),
        // A sandboxed preload cannot `require` packages nor be an ES module: one self-contained CommonJS file.
        externalizeDeps: false,
        rollupOptions: {
          input: { index: preloadEntry },
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    };
  }
  return config;
});
