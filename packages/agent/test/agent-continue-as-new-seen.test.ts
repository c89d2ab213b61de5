import { afterEach, describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent, type ControlEventOf } from '../src/common/events';
import { describeMilestone, reduceRunEvents } from '../src/runs';
import { calculator } from '../src/tools/calculator';
import { collectEvents, readUntil } from './support/collect-events';
import { chainOf, closeTemporalClient, continuedTimes } from './support/continue-as-new-chain';
import { useWorkerProcesses } from './support/use-worker-processes';

/** Low enough that a run of a few calculator rounds continues as new every two or three rounds. */
const CONTINUE_AFTER_EVENTS = 40;

const { createFixture, startWorkerProcess } = useWorkerProcesses();
afterEach(closeTemporalClient);

function continuations(events: readonly AgentEvent[]): ControlEventOf<'continued-as-new'>['value'][] {
  return events.flatMap((event) => {
    const control = asControlEvent(event);
    return control?.name === 'continued-as-new' ? [control.value] : [];
  });
}

describe('what a run that continued as new tells its readers and approvers', () => {
  it('says where it continued as new: one event per Temporal run that ended, with the next run and its history, live and from history alike', async () => {
    const fixture = await createFixture({
      worker: false,
      tools: [calculator],
      agent: { continueAsNewAfterEvents: CONTINUE_AFTER_EVENTS },
    });
    await startWorkerProcess();
    const run = await fixture.agent.stream('Count to 8 with the calculator.');
    const live = await collectEvents(run.events());
    const result = await run.result();
    expect(result.text).toBe('I counted to 8 with 8 calculator calls.');
    const chain = await chainOf(run.id);
    expect(chain.length, JSON.stringify(chain)).toBeGreaterThanOrEqual(3);

    // One per continuation, numbered as Temporal's chain, each after the history that made it continue.
    const told = continuations(live);
    expect(told.map((each) => each.temporalRun)).toEqual(chain.slice(1).map((_, index) => index + 2));
    told.forEach((each, index) => {
      expect(each.reason).toBe('history-events');
      expect(each.historyEvents).toBeGreaterThanOrEqual(CONTINUE_AFTER_EVENTS);
      // Read in its last workflow task: the ended run's history has that task's own events after it.
      expect(each.historyEvents).toBeLessThan(chain[index]!.events);
      expect(each.historyBytes).toBeGreaterThan(0);
    });
    // Between a tool round and the next model round: a tool result before it, the next round's text after.
    for (const event of live.filter((each) => asControlEvent(each)?.name === 'continued-as-new')) {
      const at = live.indexOf(event);
      expect(live.slice(0, at).findLast((each) => each.type !== 'CUSTOM')?.type).toBe('TOOL_CALL_RESULT');
      expect(live.slice(at + 1).some((each) => each.type === 'TEXT_MESSAGE_START')).toBe(true);
    }

    // A milestone of the run's view, in words; a reader of the finished run's history sees the same.
    const view = reduceRunEvents(live);
    const milestones = view.milestones.filter((milestone) => milestone.kind === 'continued-as-new');
    expect(milestones).toHaveLength(told.length);
    expect(describeMilestone(milestones[0]!)).toMatch(
      /^continued as new in Temporal run 2 after \d+ history events \(\d+ kB; its history reached the event limit\)$/,
    );
    const fromHistory = await collectEvents((await (await fixture.createAgent()).attach(run.id)).events());
    expect(continuations(fromHistory)).toEqual(told);
    expect(
      reduceRunEvents(fromHistory).milestones.filter((each) => each.kind === 'continued-as-new'),
    ).toEqual(milestones);
  }, 120_000);

  it('refuses a second answer to an approval decided before the run continued as new as "already answered", as before it continued', async () => {
    const fixture = await createFixture({
      worker: false,
      tools: [calculator],
      agent: {
        continueAsNewAfterEvents: CONTINUE_AFTER_EVENTS,
        approvalPolicy: 'require-all',
        maxIterations: 200,
      },
    });
    await startWorkerProcess();
    const run = await fixture.agent.stream('Count to 100 with the calculator.');
    const reading = run.events();
    const seen: AgentEvent[] = [];
    await readUntil(reading, seen, (event) => asControlEvent(event)?.name === 'approval-request');
    const [pending] = await run.pendingApprovals();
    // Every later calculator call is allowed: the run counts on, and continues as new, without asking again.
    await run.approve(pending!.toolCallId, { approved: true, alwaysAllow: true });
    const alreadyAnswered = `the approval of tool call "${pending!.toolCallId}" was already answered (approved)`;
    await expect(run.approve(pending!.toolCallId, { approved: false })).rejects.toThrow(alreadyAnswered);

    await continuedTimes(run.id, 2);
    await expect(run.approve(pending!.toolCallId, { approved: false })).rejects.toThrow(alreadyAnswered);
    await expect(run.approve('call-unknown', { approved: true })).rejects.toThrow(
      /no approval is waiting for tool call "call-unknown"/,
    );
    expect(await run.pendingApprovals()).toEqual([]);

    await run.cancel();
    const result = await run.result();
    expect(result.status).toBe('cancelled');
    const events = [...seen, ...(await collectEvents(reading))];
    const resolved = events.flatMap((event) => {
      const control = asControlEvent(event);
      return control?.name === 'approval-resolved' ? [control.value] : [];
    });
    // Decided once, by the first answer: the refused ones changed nothing.
    expect(resolved).toEqual([expect.objectContaining({ toolCallId: pending!.toolCallId, approved: true })]);
  }, 180_000);
});
