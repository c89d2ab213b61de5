import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { travelPlan } from '../../src/llm/demo-model/travel-plan';
import type { FollowState } from '../../src/runs/follow-options';
import { useServeScenarios } from './support/serve-process';
import {
  assistantTexts,
  field,
  runStockClient,
  userMessage,
  verifyWithStockClient,
} from './support/stock-client';

const TRAVEL_PROMPT = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const COUNTDOWN = /^waiting for Temporal to notice the lost worker \(heartbeat timeout 8 s\) — (\d+) s left$/;

const scenarios = useServeScenarios();

describe('durable-agent serve: a worker killed -9 with nobody supervising it', () => {
  it('counts down to the heartbeat timeout in CUSTOM follow-state events, then streams the retry: the answer once, verifyEvents passes', async () => {
    const { scenario, worker, serve } = await scenarios.serveWithWorker(40, ['--heartbeat-timeout', '8s']);
    let text = '';
    let killed: Promise<void> | undefined;
    const states: FollowState[] = [];
    const run = await runStockClient(serve.url, {
      threadId: randomUUID(),
      runId: randomUUID(),
      messages: [userMessage('u1', TRAVEL_PROMPT)],
      onEvent: (event) => {
        if (event.type === 'CUSTOM' && field(event, 'name') === 'follow-state')
          states.push(field(event, 'value') as FollowState);
        if (event.type !== 'TEXT_MESSAGE_CONTENT') return;
        text += String(field(event, 'delta'));
        if (killed === undefined && text.includes('Day 1: Arrive in Tokyo')) {
          // Killed mid-answer; a second worker polls at once, but Temporal learns of the lost attempt only
          // at the heartbeat timeout (nobody fails it for it here).
          killed = worker.kill().then(async () => {
            scenario.model.setPace(400);
            await scenario.startWorker();
          });
        }
      },
    });
    await killed;

    await verifyWithStockClient(run.events);
    expect(assistantTexts(run.agent.messages)).toEqual([travelPlan]);
    const countdown = states.flatMap((state) => {
      const match = state.kind === 'worker-lost' ? COUNTDOWN.exec(state.message) : null;
      return match ? [Number(match[1])] : [];
    });
    expect(countdown.length, JSON.stringify(states)).toBeGreaterThanOrEqual(1);
    expect(countdown[0]).toBeLessThanOrEqual(8 - 2); // at least the quarter-timeout heartbeat gap has passed
    expect(countdown).toEqual([...countdown].sort((left, right) => right - left));
    expect(states.find((state) => state.kind === 'worker-lost')).toMatchObject({
      heartbeatTimeoutMs: 8000,
      remainingMs: expect.any(Number),
    });
    // The wait ends before the retry's text: the client can clear what it shows.
    expect(states.at(-1)).toEqual({ kind: 'live' });
  }, 120_000);
});
