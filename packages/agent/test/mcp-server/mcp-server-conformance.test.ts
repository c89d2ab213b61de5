import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt, REPOSITORY_ROOT } from '../cli/support/cli-process';
import { scenarioRegistry } from '../cli/support/scenario';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

/** The official conformance suite's CLI (`@modelcontextprotocol/conformance`, a devDependency). */
const CONFORMANCE = path.join(
  REPOSITORY_ROOT,
  'node_modules',
  '@modelcontextprotocol',
  'conformance',
  'dist',
  'index.js',
);

/**
 * The server scenarios of conformance 0.1.16 that apply to a server offering one tool and no resources,
 * prompts, logging or sessions. The others need the suite's fixture tools (`test_simple_text`, …),
 * resources or prompts; `server-sse-polling` needs sessions (this server is stateless). README.md,
 * "The agent as an MCP server", records this.
 */
const APPLICABLE = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'];

describe('durable-agent mcp-server --http against @modelcontextprotocol/conformance', () => {
  it.each(APPLICABLE)('passes the %s scenario', async (scenarioName) => {
    const scenario = await scenarios.create({ pace: 0 });
    const server = scenario.spawn('mcp-server', ['mcp-server', '--http', '--port', '0']);
    await server.waitFor(/MCP endpoint \(Streamable HTTP\): \S+/, { timeoutMs: 30_000 });
    const url = /MCP endpoint \(Streamable HTTP\): (\S+)/.exec(server.stdout)![1]!;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CONFORMANCE, 'server', '--url', url, '--scenario', scenarioName],
      { timeout: 120_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
    const passed = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(stdout);
    expect(passed, stdout).not.toBeNull();
    const [, passing, total, failed] = passed!;
    expect(Number(total), stdout).toBeGreaterThan(0);
    expect(passing, stdout).toBe(total);
    expect(failed, stdout).toBe('0');
  });
});
