import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../src/common/events';
import { answerText, planReplay, playReplay, type ReplayStep, reduceRunEvents } from '../src/runs';
import { loadRunLog } from './fixtures/run-logs/recorded-run-log';

/** The recorded kill -9 run, with timestamps 100 ms apart (older recordings have none). */
function timedEvents(): AgentEvent[] {
  return loadRunLog('kill-9-retry').events.map((event, index) => ({
    ...event,
    timestamp: 1000 + index * 100,
  }));
}

describe('planReplay', () => {
  it('drives the reducer to the same final view as the stored run, both attempts and the reset included', () => {
    const log = loadRunLog('kill-9-retry');
    const steps = planReplay(log.events);
    const final = steps.at(-1)?.view;
    expect(final).toEqual(reduceRunEvents(log.events));
    expect(answerText(final!)).toBe(log.result.text);
    const kinds = final!.milestones.map((milestone) => milestone.kind);
    expect(kinds.filter((kind) => kind === 'attempt-started')).toHaveLength(2);
    expect(kinds).toContain('attempt-reset');
  });

  it('waits the recorded gaps, divided by the speed, with long pauses cut', () => {
    const events = timedEvents();
    const paused = events.map((event, index) =>
      index === 3 ? { ...event, timestamp: (event.timestamp ?? 0) + 60_000 } : event,
    );
    expect(
      planReplay(events)
        .slice(1, 3)
        .map((step) => step.delayMs),
    ).toEqual([100, 100]);
    expect(planReplay(events, { speed: 4 })[1]?.delayMs).toBe(25);
    expect(planReplay(paused, { maxPauseMs: 500 })[3]?.delayMs).toBe(500);
  });
});

describe('playReplay', () => {
  it('plays every step in order and can be stopped', async () => {
    const steps = planReplay(timedEvents(), { speed: 100 });
    const played: ReplayStep[] = [];
    await playReplay(steps, (step) => played.push(step)).done;
    expect(played.map((step) => step.event.seq)).toEqual(steps.map((step) => step.event.seq));

    const partial: ReplayStep[] = [];
    const playback = playReplay(planReplay(timedEvents(), { speed: 0.001 }), (step) => partial.push(step));
    playback.stop();
    await playback.done;
    expect(partial.length).toBeLessThanOrEqual(1);
  });
});
