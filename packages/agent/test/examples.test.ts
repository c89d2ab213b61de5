import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { temporalAddress } from './support/temporal-connection';

describe('README example', () => {
  it('runs examples/quick-start.mjs against the built library and prints the answer', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(__dirname, '..', 'examples', 'quick-start.mjs')],
      {
        env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress() },
        timeout: 60_000,
      },
    );
    expect(stdout).toContain('[tool] calculator');
    expect(stdout).toContain('The result is 84.');
    expect(stdout).toMatch(/status=completed attempts=2 tokens=\d+/);
    expect(stdout).toContain('followed: completed "The result is 42."');
  });
});
