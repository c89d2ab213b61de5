import { readFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import { answerText, type RunView } from '../../src/runs/run-view';
import { connectClient } from '../support/temporal-connection';
import { assertLibraryBuilt } from './support/cli-process';
import { conversationIdOf, scenarioRegistry } from './support/scenario';
import { answerBlock, withUsagePlaceholder } from './support/stream-block';

const HELLO = 'Hello from remote agent!';
const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const FOLLOW_UP = 'What was the first destination in that plan?';

/** Waits until every run on `taskQueue` has closed, and returns their statuses. */
async function runsClosed(client: Client, taskQueue: string, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses: string[] = [];
    for await (const execution of client.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) {
      statuses.push(execution.status.name);
    }
    if (statuses.length > 0 && !statuses.includes('RUNNING')) return statuses;
    if (Date.now() > deadline) throw new Error(`runs on ${taskQueue} still open: ${statuses.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The runs the journal file lists as unfinished: prompt, conversation and the text last seen. */
function unfinishedRuns(file: string): { prompt: string; conversationId: string; text: string }[] {
  const content = JSON.parse(readFileSync(file, 'utf8')) as {
    runs: { entry: { prompt: string; conversationId: string }; view?: RunView }[];
  };
  return content.runs.map(({ entry, view }) => ({
    prompt: entry.prompt,
    conversationId: entry.conversationId,
    text: view ? answerText(view) : '',
  }));
}

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

describe('durable-agent worker and agent: the agent restarts (seed scenarios 5a, 5b, 5c)', () => {
  it('5a. after "bye" and a restart, the new agent process answers at once', async () => {
    const scenario = await scenarios.create({ pace: 200 });
    await scenario.startWorker();
    const agent = await scenario.startAgent();
    expect(withUsagePlaceholder(await scenario.ask(agent, HELLO))).toEqual(
      answerBlock('Hello! How can I help you today?'),
    );
    agent.send('bye');
    await agent.waitFor('you> bye\nGoodbye!\n');
    expect(await agent.waitForExit()).toEqual({ code: 0, signal: null });

    const restarted = await scenario.startAgent();
    expect(withUsagePlaceholder(await scenario.ask(restarted, 'Hello again!'))).toEqual(
      answerBlock('Hello again! How can I help?'),
    );
  });

  it('5b. after kill -9 of the agent, a new agent process answers at once', async () => {
    const scenario = await scenarios.create({ pace: 200 });
    await scenario.startWorker();
    const agent = await scenario.startAgent();
    expect(withUsagePlaceholder(await scenario.ask(agent, HELLO))).toEqual(
      answerBlock('Hello! How can I help you today?'),
    );
    agent.signal('SIGKILL');
    expect(await agent.waitForExit()).toEqual({ code: null, signal: 'SIGKILL' });

    const restarted = await scenario.startAgent();
    expect(withUsagePlaceholder(await scenario.ask(restarted, 'Hello again!'))).toEqual(
      answerBlock('Hello again! How can I help?'),
    );
  });

  it('5c. the run finishes without the killed agent; only --conversation brings the plan back as history', async () => {
    const scenario = await scenarios.create({ pace: 40 });
    await scenario.startWorker();
    const agent = await scenario.startAgent(['--heartbeat-timeout', '3s']);
    const conversationId = conversationIdOf(agent);
    const from = agent.mark();
    agent.send(TRAVEL_PROMPT);
    await agent.waitFor('Day 1: Arrive in Tokyo', { from });
    agent.signal('SIGKILL');
    expect(await agent.waitForExit()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(agent.stdout).not.toContain('Day 7');
    // The killed agent left its run in the journal, with the text it had seen (saved at most every 250 ms,
    // so the last batch it printed may be missing: text arrives in batches of 700 ms).
    const unfinished = unfinishedRuns(scenario.journalFile);
    expect(unfinished).toEqual([
      { prompt: TRAVEL_PROMPT, conversationId, text: expect.stringMatching(/^Here\b/) },
    ]);
    expect(agent.stdout).toContain(unfinished[0]!.text);

    // The worker finishes the run although nobody is listening.
    scenario.model.setPace(400);
    const { client, connection } = await connectClient();
    try {
      expect(await runsClosed(client, scenario.taskQueue, 30_000)).toEqual(['COMPLETED']);
    } finally {
      await connection.close();
    }

    // A new session (a new conversation) has no memory of the plan: the seed's default answer.
    const fresh = await scenario.startAgent();
    expect(withUsagePlaceholder(await scenario.ask(fresh, FOLLOW_UP))).toEqual(
      answerBlock("I don't have context of a previous plan. Could you clarify?"),
    );
    fresh.send('exit');
    expect(await fresh.waitForExit()).toEqual({ code: 0, signal: null });

    // Continuing the conversation re-attaches to the finished run, records it, and the model sees it.
    const resumed = await scenario.startAgent(['--conversation', conversationId]);
    expect(resumed.stdout).toContain(
      `[resume] a run of this conversation was left by an earlier session: ${TRAVEL_PROMPT}`,
    );
    expect(resumed.stdout).toContain(`${travelPlan}\n[complete]\n`);
    expect(unfinishedRuns(scenario.journalFile)).toEqual([]);
    expect(withUsagePlaceholder(await scenario.ask(resumed, FOLLOW_UP))).toEqual(
      answerBlock('The first destination in that plan was Tokyo.'),
    );
    expect(await scenario.storedConversation(conversationId)).toEqual([
      { role: 'user', content: TRAVEL_PROMPT },
      { role: 'assistant', content: travelPlan },
      { role: 'user', content: FOLLOW_UP },
      { role: 'assistant', content: 'The first destination in that plan was Tokyo.' },
    ]);
  });
});
