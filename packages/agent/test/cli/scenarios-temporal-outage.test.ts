import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import { OwnTemporal } from '../support/own-temporal';
import { assertLibraryBuilt } from './support/cli-process';
import { conversationIdOf, PROMPT, scenarioRegistry } from './support/scenario';
import { parseUsageLine, streamBlock } from './support/stream-block';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

const scenarios = scenarioRegistry();
let temporal: OwnTemporal | undefined;
beforeAll(() => assertLibraryBuilt());
afterEach(async () => {
  await scenarios.closeAll();
  await temporal?.close();
  temporal = undefined;
});

describe('durable-agent agent while Temporal is down', () => {
  it('says it is reconnecting, never [error], and finishes the answer once Temporal is back', async () => {
    temporal = await OwnTemporal.start();
    const scenario = await scenarios.create({ pace: 40, temporalAddress: temporal.address });
    await scenario.startWorker();
    const agent = await scenario.startAgent(['--timeout', '5m']);
    const conversationId = conversationIdOf(agent);

    const from = agent.mark();
    agent.send(TRAVEL_PROMPT);
    await agent.waitFor('Day 1: Arrive in Tokyo', { from });
    await temporal.kill();
    // The client's own gRPC retries come first: noticing the outage takes seconds, not milliseconds.
    await agent.waitFor(/\[reconnecting\] Temporal unreachable — .+\n/, { from, timeoutMs: 60_000 });
    await temporal.restart();
    const end = await agent.waitFor(`--- stream end ---\n${PROMPT}`, { from, timeoutMs: 90_000 });

    const block = streamBlock(agent.stdout.slice(from, end));
    expect(block.join('\n')).not.toContain('[error]');
    expect(block.filter((line) => line.startsWith('[reconnecting]'))).toHaveLength(1);
    expect(block.indexOf('[reconnected]')).toBeGreaterThan(
      block.findIndex((line) => line.startsWith('[reconnecting]')),
    );
    const complete = block.indexOf('[complete]');
    expect(complete).toBeGreaterThan(0);
    parseUsageLine(block[complete + 1]);
    expect(await scenario.storedConversation(conversationId)).toEqual([
      { role: 'user', content: TRAVEL_PROMPT },
      { role: 'assistant', content: travelPlan },
    ]);
  });
});
