import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SqliteConversationStore } from '../../src/conversations/sqlite-conversation-store';
import { assertLibraryBuilt } from './support/cli-process';
import { type Scenario, scenarioRegistry } from './support/scenario';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

/** Runs `durable-agent schedule <args>` to its end; returns its exit code and output. */
async function schedule(scenario: Scenario, args: string[]) {
  const child = scenario.spawn(`schedule ${args[0]}`, ['schedule', ...args]);
  const exit = await child.waitForExit(30_000);
  return { code: exit.code, stdout: child.stdout, output: child.output };
}

/** How many runs `schedule list` says are stored in the CLI's conversation (0 before any). */
function storedRuns(listed: string): number {
  return Number(/stored runs: (\d+)/.exec(listed)?.[1] ?? 0);
}

describe('durable-agent schedule', () => {
  it('creates a schedule that fires every 3s, stores its runs in the CLI conversation (each seeing the last), pauses, unpauses and deletes it', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const created = await schedule(scenario, [
      'create',
      '--every',
      '3s',
      '--prompt',
      'What did I ask you first?',
      '--conversation',
      'cli-news',
    ]);
    expect(created.code).toBe(0);
    const id = /created schedule (\S+) \(conversation cli-news\)/.exec(created.stdout)?.[1];
    expect(id).toBe('durable-agent-cli-news');
    expect(created.stdout).toContain('  prompt: What did I ask you first?');

    let listed = '';
    const deadline = Date.now() + 90_000;
    while (storedRuns(listed) < 2 && Date.now() < deadline)
      listed = (await schedule(scenario, ['list'])).stdout;
    expect(listed).toMatch(/last run: \S+ \(durable-agent\/cli-news\/scheduled-\S+\)/);
    expect((await schedule(scenario, ['pause', id!])).stdout).toContain(`paused ${id}`);

    const conversations = new SqliteConversationStore(scenario.conversationsFile);
    try {
      expect((await conversations.load('cli-news')).slice(0, 4)).toEqual([
        { role: 'user', content: 'What did I ask you first?' },
        { role: 'assistant', content: 'This is the first thing you asked me.' },
        { role: 'user', content: 'What did I ask you first?' },
        { role: 'assistant', content: 'You first asked: "What did I ask you first?"' },
      ]);
      // A firing in flight when paused is stored by a later listing; then listing stores nothing twice.
      let again = await schedule(scenario, ['list']);
      while (/stored runs: \d+ \(\d+ new\)/.test(again.stdout) && Date.now() < deadline + 60_000)
        again = await schedule(scenario, ['list']);
      expect(again.output).toContain(`  stored runs: ${conversations.runs('cli-news').length}\n`);
      expect(await conversations.load('cli-news')).toHaveLength(2 * conversations.runs('cli-news').length);
    } finally {
      conversations.close();
    }

    expect((await schedule(scenario, ['list'])).stdout).toContain(`${id}  every 3s  (paused)`);
    expect((await schedule(scenario, ['unpause', id!])).code).toBe(0);
    expect((await schedule(scenario, ['delete', id!])).stdout).toContain(`deleted ${id}`);
    expect((await schedule(scenario, ['list'])).stdout).not.toContain(id!);
  }, 240_000);

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
