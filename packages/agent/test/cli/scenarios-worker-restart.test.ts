import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CliProcess } from './support/cli-process';
import { assertLibraryBuilt } from './support/cli-process';
import { PROMPT, scenarioRegistry, WORKER_SHUTTING_DOWN } from './support/scenario';
import { answerBlock, streamBlock, withUsagePlaceholder } from './support/stream-block';

const HELLO = 'Hello from remote agent!';
const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
/** A worker's line for a run's attempt (see RunActivityLog). */
const RUN_LINE = /^\[run\] ([0-9a-f]{8}) model call(?:, attempt (\d+),)? (.+)$/gm;

function runLines(worker: CliProcess): { runId: string; attempt: number; outcome: string }[] {
  return [...worker.stdout.matchAll(RUN_LINE)].map((match) => ({
    runId: match[1]!,
    attempt: Number(match[2] ?? 1),
    outcome: match[3]!,
  }));
}

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent worker and agent: the worker stops between runs (seed scenarios 3a, 3b, 6)', () => {
  it('3a. a worker stopped with Ctrl+C shuts down gracefully and a restarted worker answers the next prompt', async () => {
    const scenario = await scenarios.create({ pace: 200 });
    const worker = await scenario.startWorker();
    const agent = await scenario.startAgent();
    expect(withUsagePlaceholder(await scenario.ask(agent, HELLO))).toEqual(
      answerBlock('Hello! How can I help you today?'),
    );

    worker.signal('SIGINT');
    await worker.waitFor(`${WORKER_SHUTTING_DOWN}\n`);
    expect(await worker.waitForExit()).toEqual({ code: 0, signal: null });

    await scenario.startWorker();
    expect(withUsagePlaceholder(await scenario.ask(agent, 'Hello again!'))).toEqual(
      answerBlock('Hello again! How can I help?'),
    );
  });

  it('3b. after kill -9 of the worker, a restarted worker answers the next prompt', async () => {
    const scenario = await scenarios.create({ pace: 200 });
    const worker = await scenario.startWorker();
    const agent = await scenario.startAgent();
    expect(withUsagePlaceholder(await scenario.ask(agent, HELLO))).toEqual(
      answerBlock('Hello! How can I help you today?'),
    );

    worker.signal('SIGKILL');
    expect(await worker.waitForExit()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(worker.stdout).not.toContain(WORKER_SHUTTING_DOWN);

    await scenario.startWorker();
    expect(withUsagePlaceholder(await scenario.ask(agent, 'Hello again!'))).toEqual(
      answerBlock('Hello again! How can I help?'),
    );
  });

  it('6. with two workers on one queue, stopping one mid-session does not drop the next run', async () => {
    const scenario = await scenarios.create({ pace: 200 });
    const [first] = await Promise.all([scenario.startWorker(), scenario.startWorker()]);
    const agent = await scenario.startAgent();
    expect(withUsagePlaceholder(await scenario.ask(agent, HELLO))).toEqual(
      answerBlock('Hello! How can I help you today?'),
    );

    first!.signal('SIGINT');
    await first!.waitFor(`${WORKER_SHUTTING_DOWN}\n`);
    expect(await first!.waitForExit()).toEqual({ code: 0, signal: null });

    expect(withUsagePlaceholder(await scenario.ask(agent, 'Still working?'))).toEqual(
      answerBlock('Yes, still here! How can I help?'),
    );
  });

  it('6. each worker prints a line per attempt it starts and ends, so the busy one can be stopped mid-answer', async () => {
    const scenario = await scenarios.create({ pace: 40 });
    const workers = await Promise.all([scenario.startWorker(), scenario.startWorker()]);
    const agent = await scenario.startAgent(['--timeout', '60s', '--heartbeat-timeout', '3s']);

    // A short answer: exactly one worker says it started and completed it.
    expect(withUsagePlaceholder(await scenario.ask(agent, HELLO))).toEqual(
      answerBlock('Hello! How can I help you today?'),
    );
    const [first, second] = workers.map(runLines);
    const hello = [...first!, ...second!];
    expect(hello.map(({ attempt, outcome }) => `${attempt} ${outcome.replace(/[\d.]+ s$/, 'N s')}`)).toEqual([
      '1 started',
      '1 completed in N s',
    ]);

    // The travel plan: the worker that says "started" is the busy one; stop it mid-answer.
    const from = agent.mark();
    const marks = workers.map((worker) => worker.mark());
    agent.send(TRAVEL_PROMPT);
    const startedOn = await Promise.any(
      workers.map(async (worker, index) => {
        await worker.waitFor(/\[run\] [0-9a-f]{8} model call started\n/, { from: marks[index] });
        return index;
      }),
    );
    const busy = workers[startedOn]!;
    const idle = workers[1 - startedOn]!;
    await agent.waitFor('Day 1: Arrive in Tokyo', { from });
    busy.signal('SIGINT');
    await busy.waitFor(`${WORKER_SHUTTING_DOWN}\n`);
    expect(await busy.waitForExit()).toEqual({ code: 0, signal: null });

    const end = await agent.waitFor(`--- stream end ---\n${PROMPT}`, { from, timeoutMs: 60_000 });
    const block = streamBlock(agent.stdout.slice(from, end));
    expect(block).toContain('[retry] attempt 2 — the worker shut down');
    expect(block).toContain('[complete]');

    const plan = runLines(busy).at(-1)!;
    expect(plan.attempt).toBe(1);
    expect(plan.outcome).toMatch(/^failed after [\d.]+ s: the worker shut down during the model call$/);
    expect(
      runLines(idle)
        .filter(({ runId }) => runId === plan.runId)
        .map(({ attempt, outcome }) => `${attempt} ${outcome.replace(/[\d.]+ s$/, 'N s')}`),
    ).toEqual(['2 started', '2 completed in N s']);
  });
});
