/**
 * Waits `milliseconds` (forever when undefined) unless `signal` aborts first.
 * Resolves true when the time passed, false when aborted; never leaves a timer behind.
 */
export function pause(milliseconds: number | undefined, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      resolve(false);
    };
    const timer =
      milliseconds === undefined
        ? undefined
        : setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve(true);
          }, milliseconds);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
