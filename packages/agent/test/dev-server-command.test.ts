import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../src/cli/dev-server-command';
import { isTemporalReachable } from '../src/dev-server/is-temporal-reachable';
import { temporalAddress } from './support/temporal-connection';
import { withTimeout } from './support/with-timeout';

const directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-dev-server-command-'));
const originalDataDirectory = process.env.DURABLE_AGENT_DATA_DIR;

/** Captures what the command prints. */
function captureOutput(): { lines: string[]; waitFor(pattern: RegExp, ms: number): Promise<string> } {
  const lines: string[] = [];
  const record = (...parts: unknown[]) => {
    lines.push(parts.map(String).join(' '));
  };
  vi.spyOn(console, 'log').mockImplementation(record);
  vi.spyOn(console, 'error').mockImplementation(record);
  return {
    lines,
    waitFor: (pattern, ms) =>
      withTimeout(
        (async () => {
          for (;;) {
            const line = lines.find((candidate) => pattern.test(candidate));
            if (line !== undefined) return line;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        })(),
        ms,
        `output matching ${pattern}; got:\n${lines.join('\n')}`,
      ),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  if (originalDataDirectory === undefined) delete process.env.DURABLE_AGENT_DATA_DIR;
  else process.env.DURABLE_AGENT_DATA_DIR = originalDataDirectory;
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('durable-agent dev-server', () => {
  it('starts a persistent server in the data directory, says where, and stops on request', async () => {
    process.env.DURABLE_AGENT_DATA_DIR = path.join(directory, 'data');
    const output = captureOutput();
    const stop = new AbortController();

    const exitCode = run(['--port', '0', '--headless'], stop.signal);
    const ready = await output.waitFor(/Temporal dev server ready at/, 30_000);
    const address = /ready at (\S+)/.exec(ready)?.[1] ?? '';
    expect(ready).toContain(`data in ${path.join(directory, 'data', 'temporal.db')}`);
    expect(await isTemporalReachable(address)).toBe(true);
    stop.abort();

    expect(await withTimeout(exitCode, 15_000, 'the command to stop')).toBe(0);
    expect(output.lines[0]).toMatch(/^Starting Temporal dev server on 127\.0\.0\.1:/);
    expect(output.lines.at(-1)).toBe('Temporal dev server stopped.');
    expect(await isTemporalReachable(address, 1000)).toBe(false);
  });

  it('reuses the server already running on the port and leaves it running', async () => {
    const output = captureOutput();
    const port = temporalAddress().split(':').pop() ?? '';

    expect(await run(['--port', port, '--in-memory'])).toBe(0);

    expect(output.lines.join('\n')).toContain(
      `Reusing the Temporal server already running at ${temporalAddress()}`,
    );
    expect(await isTemporalReachable(temporalAddress())).toBe(true);
  });

  it('prints its options for --help', async () => {
    const output = captureOutput();

    expect(await run(['--help'])).toBe(0);

    expect(output.lines.join('\n')).toMatch(
      /Usage: durable-agent dev-server[\s\S]*--ui-port <n>[\s\S]*--db <file>/,
    );
  });

  it('rejects unknown options and bad ports with exit code 2', async () => {
    const output = captureOutput();

    expect(await run(['--bogus'])).toBe(2);
    expect(await run(['--port', 'seventy'])).toBe(2);
    expect(await run(['--log-level', 'loud'])).toBe(2);

    expect(output.lines.join('\n')).toMatch(
      /Unknown option "--bogus"[\s\S]*Invalid --port "seventy"[\s\S]*loud/,
    );
  });
});
