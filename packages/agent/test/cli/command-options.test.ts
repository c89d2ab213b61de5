import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { temporalAddress } from '../support/temporal-connection';
import { uniqueTaskQueue } from '../support/unique-task-queue';
import { assertLibraryBuilt, CliProcess } from './support/cli-process';

const ENVIRONMENT_VARIABLES = [
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_API_KEY',
  'TEMPORAL_TLS',
  'AGENT_TASK_QUEUE',
  'OPENAI_BASE_URL',
  'OPENAI_API_KEY',
  'OPENAI_MODEL',
  'DURABLE_AGENT_DATA_DIR',
];

let directory: string;
let processes: CliProcess[] = [];

function environment(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ENVIRONMENT_VARIABLES) delete env[name];
  return { ...env, DURABLE_AGENT_DATA_DIR: directory, ...overrides };
}

function start(args: string[], env: NodeJS.ProcessEnv = environment()): CliProcess {
  const child = CliProcess.start(args.join(' '), args, env, directory);
  processes.push(child);
  return child;
}

/** Runs a command to its end; resolves with its exit code and output. */
async function complete(
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const child = start(args, env);
  child.endInput();
  const exit = await child.waitForExit(20_000);
  return { code: exit.code, output: child.output };
}

/** An address where nothing listens. */
async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `127.0.0.1:${port}`;
}

beforeAll(() => assertLibraryBuilt());
beforeEach(() => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-cli-options-'));
  onTestFailed(() => {
    for (const child of processes) console.log(`===== ${child.label} =====\n${child.output}`);
  });
});
afterEach(async () => {
  await Promise.all(processes.map((child) => child.kill()));
  processes = [];
  rmSync(directory, { recursive: true, force: true });
});

describe('durable-agent worker --help', () => {
  it('lists every flag and every environment variable', async () => {
    const { code, output } = await complete(['worker', '--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--task-queue',
      '--name',
      '--help',
      '--heartbeat-timeout',
      '--live-host',
      '--live-port',
      '--live-address',
      '--no-live',
    ])
      expect(output).toContain(flag);
    for (const name of ENVIRONMENT_VARIABLES) expect(output).toContain(name);
  });
});

describe('durable-agent agent --help', () => {
  it('lists every flag and every environment variable', async () => {
    const { code, output } = await complete(['agent', '--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--task-queue',
      '--mode',
      '--timeout',
      '--conversation',
      '--heartbeat-timeout',
      '--approval-policy',
      '--help',
    ]) {
      expect(output).toContain(flag);
    }
    for (const name of ENVIRONMENT_VARIABLES) expect(output).toContain(name);
  });
});

describe('durable-agent agent options', () => {
  it.each([
    [['--mode', 'fast'], 'Invalid --mode "fast": expected interactive or autonomous.'],
    [['--timeout', 'soon'], 'Invalid --timeout "soon": expected a duration such as 500ms, 30s, 5m or 1h.'],
    [['--timeout', '10ms'], 'Invalid --timeout "10ms": it must be at least 1000ms.'],
    [['--heartbeat-timeout', 'x'], 'Invalid --heartbeat-timeout "x"'],
    [['--conversation', 'a b'], 'Invalid --conversation "a b"'],
    [['--approval-policy', 'never'], 'Invalid --approval-policy "never"'],
    [['--colour'], 'Unknown option "--colour".'],
    [['--timeout'], 'Option --timeout needs a value.'],
  ])('rejects %j with exit code 2 and a clear message', async (args, message) => {
    const { code, output } = await complete(['agent', ...args]);
    expect(code).toBe(2);
    expect(output).toContain(message);
    expect(output).toContain('Run `durable-agent agent --help` for the options.');
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('rejects a TEMPORAL_ADDRESS that is not host:port with exit code 2', async () => {
    const { code, output } = await complete(['agent'], environment({ TEMPORAL_ADDRESS: 'http://x' }));
    expect(code).toBe(2);
    expect(output).toContain('TEMPORAL_ADDRESS "http://x" must look like host:port');
  });

  it('fails within seconds with an [error] naming the address when Temporal is unreachable', async () => {
    const address = await closedAddress();
    const startedAt = Date.now();
    const { code, output } = await complete(['agent'], environment({ TEMPORAL_ADDRESS: address }));
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(code).toBe(1);
    expect(output).toContain(`[error] cannot reach Temporal at ${address}`);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('reads ./.env, lets the environment override it and flags override both', async () => {
    writeFileSync(
      path.join(directory, '.env'),
      `TEMPORAL_ADDRESS=${temporalAddress()}\nAGENT_TASK_QUEUE=queue-from-dotenv\n`,
    );
    const fromFile = await complete(['agent']);
    expect(fromFile.output).toContain('Task queue "queue-from-dotenv"');

    const fromEnvironment = await complete(['agent'], environment({ AGENT_TASK_QUEUE: 'queue-from-env' }));
    expect(fromEnvironment.output).toContain('Task queue "queue-from-env"');

    const fromFlag = await complete(['agent', '--task-queue', 'queue-from-flag', '--mode', 'autonomous']);
    expect(fromFlag.output).toContain('=== durable_agent autonomous stream ===');
    expect(fromFlag.output).toContain('Task queue "queue-from-flag"');
    expect(fromFlag.code).toBe(0);
  });
});

describe('durable-agent worker options', () => {
  it('rejects an unknown flag with exit code 2', async () => {
    const { code, output } = await complete(['worker', '--colour']);
    expect(code).toBe(2);
    expect(output).toContain('Unknown option "--colour".');
  });

  it('rejects a --live-port that is not a port with exit code 2', async () => {
    const { code, output } = await complete(['worker', '--live-port', 'eighty']);
    expect(code).toBe(2);
    expect(output).toContain('Invalid --live-port "eighty": a port number from 0 to 65535.');
  });

  it('turns the live text endpoint off with --no-live, and binds the one --live-port names', async () => {
    const off = start(
      ['worker', '--task-queue', uniqueTaskQueue('cli-live'), '--no-live'],
      environment({ TEMPORAL_ADDRESS: temporalAddress(), OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }),
    );
    await off.waitFor('Live text off: followers read Temporal history only.', { timeoutMs: 60_000 });
    off.signal('SIGTERM');
    expect(await off.waitForExit()).toEqual({ code: 0, signal: null });
    const port = Number((await closedAddress()).split(':')[1]);
    const bound = start(
      ['worker', '--task-queue', uniqueTaskQueue('cli-live'), '--live-port', String(port)],
      environment({ TEMPORAL_ADDRESS: temporalAddress(), OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }),
    );
    await bound.waitFor(`Live text for followers at http://127.0.0.1:${port}.`, { timeoutMs: 60_000 });
    expect((await fetch(`http://127.0.0.1:${port}/live/unknown`)).status).toBe(404);
    bound.signal('SIGTERM');
    expect(await bound.waitForExit()).toEqual({ code: 0, signal: null });
  });

  it('fails within seconds with an [error] when Temporal is unreachable', async () => {
    const address = await closedAddress();
    const startedAt = Date.now();
    const { code, output } = await complete(
      ['worker'],
      environment({ TEMPORAL_ADDRESS: address, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }),
    );
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(code).toBe(1);
    expect(output).toContain(`[error] cannot reach Temporal at ${address}`);
  });

  it('starts the offline demo model in its own process when OPENAI_BASE_URL is not set', async () => {
    const taskQueue = uniqueTaskQueue('cli-demo');
    const worker = start(
      ['worker', '--task-queue', taskQueue],
      environment({ TEMPORAL_ADDRESS: temporalAddress() }),
    );
    await worker.waitFor('Agent worker running. Press Ctrl+C to stop.', { timeoutMs: 60_000 });
    expect(worker.stdout).toMatch(
      /Using the offline demo model at http:\/\/127\.0\.0\.1:\d+\/v1 \(set OPENAI_BASE_URL to use a real one\)\./,
    );
    expect(worker.stdout).toContain(
      `Agent worker starting on task queue "${taskQueue}". Run this before the agent.`,
    );
    await worker.waitFor('Live text for followers at');
    expect(worker.stdout).toMatch(/Live text for followers at http:\/\/127\.0\.0\.1:\d+\./);
    worker.signal('SIGTERM');
    await worker.waitFor('Shutting down agent worker...');
    expect(await worker.waitForExit()).toEqual({ code: 0, signal: null });
  });
});

describe('durable-agent serve and mcp-server options', () => {
  it.each(['serve', 'mcp-server'])(
    '%s --help lists its flags and every environment variable',
    async (name) => {
      const { code, output } = await complete([name, '--help']);
      expect(code).toBe(0);
      expect(output).toContain(`Usage: durable-agent ${name} [options]`);
      for (const flag of ['--port', '--host', '--token', '--task-queue', '--mode', '--timeout'])
        expect(output).toContain(flag);
      for (const flag of ['--heartbeat-timeout', '--approval-policy', '--max-tokens', '--prices', '--help'])
        expect(output).toContain(flag);
      for (const variable of [...ENVIRONMENT_VARIABLES, 'DURABLE_AGENT_TOKEN'])
        expect(output).toContain(variable);
    },
  );

  it.each([
    ['serve', ['--port', '99999'], 'Invalid --port "99999": expected a port number from 0 to 65535.'],
    ['mcp-server', ['--http', '--port', '99999'], 'Invalid --port "99999": expected a port number'],
    ['serve', ['--mode', 'fast'], 'Invalid --mode "fast": expected interactive or autonomous.'],
    ['mcp-server', ['--timeout', 'soon'], 'Invalid --timeout "soon": expected a duration such as'],
    ['serve', ['--max-tokens', 'lots'], 'Invalid --max-tokens "lots": expected a whole number'],
    ['mcp-server', ['--approval-policy', 'never'], 'Invalid --approval-policy "never"'],
    ['serve', ['--colour'], 'Unknown option "--colour".'],
    ['mcp-server', ['extra'], 'Unexpected argument "extra".'],
  ])('%s %j exits with code 2 and a clear message', async (name, args, message) => {
    const { code, output } = await complete([name, ...args]);
    expect(code).toBe(2);
    expect(output).toContain(message);
    expect(output).toContain(`Run \`durable-agent ${name} --help\` for the options.`);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
