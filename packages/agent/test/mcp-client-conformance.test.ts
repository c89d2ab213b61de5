import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt, REPOSITORY_ROOT } from './cli/support/cli-process';

beforeAll(() => assertLibraryBuilt());

/**
 * The conformance suite's 2026-07-28 line (`@modelcontextprotocol/conformance` 0.2.0-alpha.12, installed
 * as `conformance-2026` beside the 0.1.16 the server checks use): its client scenarios start a scenario
 * server and run our client against it.
 */
const CONFORMANCE = path.join(
  REPOSITORY_ROOT,
  'node_modules',
  '@modelcontextprotocol',
  'conformance-2026',
  'dist',
  'index.js',
);
const CLIENT = path.join(__dirname, 'fixtures', 'mcp-conformance-client.cjs');

/** What the suite printed: the client mode writes its checks and results to stderr. */
async function runScenario(scenario: string): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [
      CONFORMANCE,
      'client',
      '--command',
      `"${process.execPath}" "${CLIENT}"`,
      '--scenario',
      scenario,
      '--spec-version',
      '2026-07-28',
      '--timeout',
      '60000',
    ],
    { timeout: 120_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
  );
  return `${stdout}${stderr}`;
}

function expectAllPassed(output: string): void {
  const passed = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(output);
  expect(passed, output).not.toBeNull();
  const [, passing, total, failed] = passed!;
  expect(Number(total), output).toBeGreaterThan(0);
  expect(passing, output).toBe(total);
  expect(failed, output).toBe('0');
}

describe('the MCP client (worker tools) against @modelcontextprotocol/conformance, revision 2026-07-28', () => {
  it('passes tools_call: lists the scenario server’s tool and calls it', async () => {
    expectAllPassed(await runScenario('tools_call'));
  });

  it('passes request-metadata: the 2026-07-28 _meta envelope and version header on every request, and a retry with a supported version', async () => {
    expectAllPassed(await runScenario('request-metadata'));
  });
});
