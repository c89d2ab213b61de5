import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from './support/cli-process';
import { scenarioRegistry, WORKER_SHUTTING_DOWN } from './support/scenario';
import { answerBlock, withUsagePlaceholder } from './support/stream-block';

const HELLO = 'Hello from remote agent!';

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
});
