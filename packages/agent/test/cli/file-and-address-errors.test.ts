import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { temporalAddress } from '../support/temporal-connection';
import { uniqueTaskQueue } from '../support/unique-task-queue';
import { assertLibraryBuilt, CliProcess } from './support/cli-process';

let directory: string;
let processes: CliProcess[] = [];
let server: Server | undefined;

function environment(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env))
    if (/^(TEMPORAL_|OPENAI_|AGENT_|DURABLE_AGENT_)/.test(name)) delete env[name];
  return {
    ...env,
    DURABLE_AGENT_DATA_DIR: directory,
    AGENT_TASK_QUEUE: uniqueTaskQueue('files'),
    ...overrides,
  };
}

/** Runs `durable-agent <args>` to its end (its input closed); its exit code and output. */
async function complete(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const child = CliProcess.start(args.join(' '), args, env, directory);
  processes.push(child);
  child.endInput();
  const exit = await child.waitForExit(30_000);
  return { code: exit.code, output: child.output };
}

beforeAll(() => assertLibraryBuilt());
beforeEach(() => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-file-errors-'));
  onTestFailed(() => {
    for (const child of processes) console.log(`===== ${child.label} =====\n${child.output}`);
  });
});
afterEach(async () => {
  await Promise.all(processes.map((child) => child.kill()));
  processes = [];
  server?.close();
  server = undefined;
  rmSync(directory, { recursive: true, force: true });
});

describe('durable-agent: errors name the file', () => {
  it('a conversations database that cannot be opened (a folder in its place): the path is in the error', async () => {
    const file = path.join(directory, 'conversations.db');
    mkdirSync(file);
    const { code, output } = await complete(['agent'], environment({ TEMPORAL_ADDRESS: temporalAddress() }));
    expect(code).toBe(1);
    expect(output).toContain(
      `[error] cannot open the conversations database ${file}: unable to open database file`,
    );
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('a run journal that is a folder (EISDIR): the path is in the error', async () => {
    const file = path.join(directory, 'cli-runs.json');
    mkdirSync(file);
    const { code, output } = await complete(['agent'], environment({ TEMPORAL_ADDRESS: temporalAddress() }));
    expect(code).toBe(1);
    expect(output).toContain(`[error] cannot read ${file}: EISDIR: illegal operation on a directory, read`);
  });
});

describe('durable-agent: Temporal addresses that cannot work', () => {
  it('port 99999 is flagged as invalid (TEMPORAL_ADDRESS and --address), exit code 2', async () => {
    const fromEnvironment = await complete(['agent'], environment({ TEMPORAL_ADDRESS: 'localhost:99999' }));
    expect(fromEnvironment.code).toBe(2);
    expect(fromEnvironment.output).toContain(
      'TEMPORAL_ADDRESS "localhost:99999" has an invalid port 99999: expected 1 to 65535.',
    );
    const fromFlag = await complete(['worker', '--address', '127.0.0.1:99999'], environment());
    expect(fromFlag.code).toBe(2);
    expect(fromFlag.output).toContain(
      '--address "127.0.0.1:99999" has an invalid port 99999: expected 1 to 65535.',
    );
  });

  it('a TEMPORAL_ADDRESS of a server that is not Temporal (an HTTP server) says so, not "is the server running?"', async () => {
    server = createServer((_request, response) => response.end('hello'));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(server.address() as { port: number }).port}`;
    const { code, output } = await complete(['agent'], environment({ TEMPORAL_ADDRESS: address }));
    expect(code).toBe(1);
    expect(output).toContain(
      `[error] the server at ${address} is not Temporal: it answered "HTTP/1.1 400 Bad Request", not gRPC — check the address`,
    );
    expect(output).not.toContain('is the server running?');
  });
});
