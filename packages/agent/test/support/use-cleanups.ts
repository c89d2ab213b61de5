import { afterEach } from 'vitest';

/**
 * Call once at the top of a test file: what a test hands to the returned `defer` runs after that test,
 * the last handed first, each whether or not the one before it failed.
 */
export function useCleanups(): (cleanup: () => Promise<unknown>) => void {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}
