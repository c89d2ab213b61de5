import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRunOutput } from '../../src/common/types';
import { connectClient } from '../support/temporal-connection';
import { assertLibraryBuilt } from './support/cli-process';
import { type Scenario, scenarioRegistry } from './support/scenario';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

/** Runs `durable-agent schedule <args>` to its end; returns its exit code and output. */
async function schedule(scenario: Scenario, args: string[]) {
  const child = scenario.spawn(`schedule ${args[0]}`, ['schedule', ...args]);
  const exit = await child.waitForExit(30_000);
  return { code: exit.code, stdout: child.stdout };
}

describe('durable-agent schedule', () => {
  it('creates a schedule that fires every 5s, lists its next and last runs, pauses, unpauses and deletes it', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const created = await schedule(scenario, [
      'create',
      '--every',
      '5s',
      '--prompt',
      'Hello!',
      '--conversation',
      'cli-news',
    ]);
    expect(created.code).toBe(0);
    const id = /created schedule (\S+) \(conversation cli-news\)/.exec(created.stdout)?.[1];
    expect(id).toBe('durable-agent-cli-news');
    expect(created.stdout).toContain('  prompt: Hello!');

    let lastRun: string | undefined;
    const deadline = Date.now() + 60_000;
    while (lastRun === undefined && Date.now() < deadline) {
      const listed = await schedule(scenario, ['list']);
      lastRun = /last run: \S+ \((\S+)\)/.exec(listed.stdout)?.[1];
    }
    expect(lastRun).toMatch(/^durable-agent\/cli-news\//);
    const { client, connection } = await connectClient();
    try {
      const output = (await client.workflow.getHandle(lastRun!).result()) as AgentRunOutput;
      expect(output.result.text).toBe('Hello! How can I help you today?');
    } finally {
      await connection.close();
    }

    expect((await schedule(scenario, ['pause', id!])).stdout).toContain(`paused ${id}`);
    expect((await schedule(scenario, ['list'])).stdout).toContain(`${id}  every 5s  (paused)`);
    expect((await schedule(scenario, ['unpause', id!])).code).toBe(0);
    expect((await schedule(scenario, ['delete', id!])).stdout).toContain(`deleted ${id}`);
    expect((await schedule(scenario, ['list'])).stdout).not.toContain(id!);
  }, 180_000);

  it('refuses a create without --every or --cron, or with a bad interval, in words (exit 2)', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const none = scenario.spawn('schedule none', ['schedule', 'create', '--prompt', 'Hi']);
    expect((await none.waitForExit(30_000)).code).toBe(2);
    expect(none.output).toContain('Give one of --every or --cron.');
    const bad = scenario.spawn('schedule bad', ['schedule', 'create', '--every', 'often', '--prompt', 'Hi']);
    expect((await bad.waitForExit(30_000)).code).toBe(2);
    expect(bad.output).toContain('--every "often" is not an interval like 5s, 30m, 1h.');
  }, 60_000);
});
