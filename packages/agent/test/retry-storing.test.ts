import { describe, expect, it } from 'vitest';
import { retryStoring } from '../src/runs/retry-storing';

/** What a full disk throws at a write. */
class DiskFull extends Error {
  readonly code = 'SQLITE_FULL';
}
const refused = (error: unknown) => error instanceof DiskFull;

describe('retryStoring', () => {
  it('tries again while the store refuses the write, says so each time, and says when it is stored', async () => {
    const told: string[] = [];
    let tries = 0;
    await retryStoring(
      () => {
        tries += 1;
        if (tries < 3) throw new DiskFull('database or disk is full');
      },
      {
        refused,
        onRefused: (error) => told.push(`refused: ${(error as Error).message}`),
        onStored: () => told.push('stored'),
      },
    );
    expect(tries).toBe(3);
    expect(told).toEqual([
      'refused: database or disk is full',
      'refused: database or disk is full',
      'stored',
    ]);
  });

  it('throws any other error at once', async () => {
    let tries = 0;
    const broken = new Error('no such table: runs');
    await expect(
      retryStoring(
        () => {
          tries += 1;
          throw broken;
        },
        { refused },
      ),
    ).rejects.toBe(broken);
    expect(tries).toBe(1);
  });

  it('stops quietly once the store is closed, and does not write to a closed store', async () => {
    let open = true;
    let tries = 0;
    await retryStoring(
      () => {
        tries += 1;
        open = false; // the process quits while the write fails
        throw new DiskFull('database or disk is full');
      },
      { refused, open: () => open },
    );
    expect(tries).toBe(1);
    await retryStoring(
      () => {
        tries += 1;
      },
      { refused, open: () => false },
    );
    expect(tries).toBe(1);
  });
});
