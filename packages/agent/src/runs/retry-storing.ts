const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/** When `retryStoring` tries a write again, and whom it tells. */
export interface RetryStoringOptions {
  /** Whether the store refuses writes for now (a full disk): then the write is tried again later. */
  readonly refused: (error: unknown) => boolean;
  /** Whether the store is still open; once it is closed (the process quits), trying stops quietly. */
  readonly open?: () => boolean;
  /** Each refused try (to tell the user that something could not be saved). */
  readonly onRefused?: (error: unknown) => void;
  /** The write went through (after refusals: to say it is saved now). */
  readonly onStored?: () => void;
}

/**
 * For a journal's `finish`: stores a run's ending, trying again (0.5 s, 1 s, 2 s… then every 10 s) while the
 * store refuses writes — Temporal holds the answer meanwhile, so following need not fail. Gives up only when
 * the store is closed: the run then stays unfinished in the journal, and following it again stores it. Any
 * other error is thrown at once (it would fail the same way again).
 */
export async function retryStoring(
  write: () => void | Promise<void>,
  options: RetryStoringOptions,
): Promise<void> {
  const open = options.open ?? (() => true);
  for (let failures = 0; open(); failures++) {
    try {
      await write();
      options.onStored?.();
      return;
    } catch (error) {
      if (!open()) return;
      if (!options.refused(error)) throw error;
      options.onRefused?.(error);
      await pause(Math.min(FIRST_RETRY_MS * 2 ** failures, MAX_RETRY_MS));
    }
  }
}

/** A pause that does not keep the process alive (a quitting process does not wait for the next try). */
function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds).unref?.());
}
