import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from './support/cli-process';
import { PROMPT, scenarioRegistry, WORKER_RUNNING, WORKER_STARTING } from './support/scenario';
import { answerBlock, withUsagePlaceholder } from './support/stream-block';

const HELLO = 'Hello from remote agent!';
const HELLO_BLOCK = answerBlock('Hello! How can I help you today?');

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent worker and agent: the worker check (seed scenarios 1, 2, 7)', () => {
  it('1. answers the first prompt end to end when the worker was started first', async () => {
    const scenario = await scenarios.create({ pace: 200 });
    const worker = await scenario.startWorker();
    const workerLines = worker.stdout.split('\n');
    expect(workerLines[0]).toBe(WORKER_STARTING(scenario.taskQueue));
    expect(workerLines).toContain(WORKER_RUNNING);

    const agent = await scenario.startAgent();
    expect(agent.stdout.split('\n').slice(0, 3)).toEqual([
      '=== durable_agent interactive stream ===',
      "Events arrive via the run's workflow stream (Temporal workflow updates).",
      'Simulate scenarios: kill the worker or this process mid-run, then restart.',
    ]);
    expect(agent.stdout).toContain("Type 'exit' or 'quit' or 'bye' to stop.\nyou> ");

    const block = await scenario.ask(agent, HELLO);
    expect(withUsagePlaceholder(block)).toEqual(HELLO_BLOCK);
    expect(agent.stdout.endsWith(`--- stream end ---\n${PROMPT}`)).toBe(true);
  });

  it('2. fails with the no-worker error after the timeout, then answers once a worker runs', async () => {
    const scenario = await scenarios.create({ pace: 200 });
    const agent = await scenario.startAgent(['--timeout', '8s']);

    const submittedAt = Date.now();
    const failed = await scenario.ask(agent, HELLO, 30_000);
    expect(Date.now() - submittedAt).toBeGreaterThanOrEqual(7_500);
    expect(failed).toEqual([
      '--- stream start ---',
      `[waiting] no worker on task queue "${scenario.taskQueue}" yet — waiting up to 8s`,
      `[error] no worker available: timed out waiting for workers on task queue "${scenario.taskQueue}"`,
      '--- stream end ---',
    ]);

    await scenario.startWorker();
    const answered = await scenario.ask(agent, HELLO);
    expect(withUsagePlaceholder(answered)).toEqual(HELLO_BLOCK);
  });

  it('7. reports the no-worker error when the only worker polls another task queue', async () => {
    const scenario = await scenarios.create({ pace: 200 });
    const wrongQueue = `${scenario.taskQueue}-wrong`;
    const worker = await scenario.startWorker(['--task-queue', wrongQueue]);
    expect(worker.stdout.split('\n')).toEqual(
      expect.arrayContaining([WORKER_STARTING(wrongQueue), WORKER_RUNNING]),
    );

    const agent = await scenario.startAgent(['--timeout', '8s']);
    const block = await scenario.ask(agent, HELLO, 30_000);
    expect(block.at(-2)).toBe(
      `[error] no worker available: timed out waiting for workers on task queue "${scenario.taskQueue}"`,
    );
    expect(block).toEqual([
      '--- stream start ---',
      `[waiting] no worker on task queue "${scenario.taskQueue}" yet — waiting up to 8s`,
      `[error] no worker available: timed out waiting for workers on task queue "${scenario.taskQueue}"`,
      '--- stream end ---',
    ]);
    expect(scenario.model.requestCount).toBe(0);
  });
});
