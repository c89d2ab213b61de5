export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export interface ShutdownSignals {
  /** Resolves with the first SIGINT or SIGTERM. */
  readonly requested: Promise<ShutdownSignal>;
  /** Asks for a graceful stop as a first SIGTERM would; nothing when one was asked for already. */
  request(): void;
  /** Removes the handlers (the process then reacts to signals as Node does by default). */
  dispose(): void;
}

/**
 * Handles Ctrl+C and SIGTERM: the first asks for a graceful stop, the second calls `onForce`
 * (which normally exits at once).
 */
export function listenForShutdown(onForce: (signal: ShutdownSignal) => void): ShutdownSignals {
  let received = 0;
  let resolveRequested: (signal: ShutdownSignal) => void = () => {};
  const requested = new Promise<ShutdownSignal>((resolve) => {
    resolveRequested = resolve;
  });
  const onSignal = (signal: ShutdownSignal): void => {
    received += 1;
    if (received === 1) resolveRequested(signal);
    else onForce(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    requested,
    request: () => {
      if (received === 0) onSignal('SIGTERM');
    },
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The conventional exit code of a process ended by `signal` (130 for SIGINT, 143 for SIGTERM). */
export function signalExitCode(signal: ShutdownSignal): number {
  return signal === 'SIGINT' ? 130 : 143;
}
