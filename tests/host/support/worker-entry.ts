import { fileURLToPath } from 'node:url';

/** The worker entry as source: child processes run it with Node's type stripping. */
export const workerEntry = fileURLToPath(new URL('../../../src/worker/index.ts', import.meta.url));
