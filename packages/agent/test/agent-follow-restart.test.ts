import { describe, expect, it } from 'vitest';
import { Agent } from '../src/client/agent';
import { type DemoModel, startDemoModel } from '../src/llm/demo-model';
import type { FollowState } from '../src/runs/followed-run';
import { InMemoryRunJournal } from '../src/runs/in-memory-run-journal';
import { answerText } from '../src/runs/run-view';
import { OwnTemporal } from './support/own-temporal';
import { uniqueTaskQueue } from './support/unique-task-queue';
import { useCleanups } from './support/use-cleanups';
import { WorkerProcess } from './support/worker-process';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';

const defer = useCleanups();

/** Resolves once `condition` holds, checking whenever the follower reports a state or an event. */
function until(condition: () => boolean): { promise: Promise<void>; check: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  const check = () => {
    if (condition()) resolve();
  };
  return { promise, check };
}

describe('FollowedRun through a Temporal restart', () => {
  it('keeps following while Temporal is down (kill -9) and finishes the answer once it is back', async () => {
    const temporal = await OwnTemporal.start();
    defer(() => temporal.close());
    const model: DemoModel = await startDemoModel({ pace: 40 });
    defer(() => model.close());
    const taskQueue = uniqueTaskQueue('restart');
    const worker = await WorkerProcess.start(taskQueue, model.baseURL, temporal.address);
    defer(() => worker.kill());
    const agent = await Agent.create({
      name: 'assistant',
      taskQueue,
      temporal: { address: temporal.address },
    });
    defer(() => agent.close());
    const journal = new InMemoryRunJournal();
    const states: FollowState[] = [];
    let text = '';
    const midAnswer = until(() => text.includes('Day 2'));
    const reconnecting = until(() => states.some((state) => state.kind === 'reconnecting'));

    const followed = await agent.submit(TRAVEL_PLAN, {
      journal,
      follow: {
        onEvent: (_event, view) => {
          text = answerText(view);
          midAnswer.check();
        },
        onState: (state) => {
          states.push(state);
          reconnecting.check();
        },
      },
    });
    await midAnswer.promise;
    await temporal.kill();
    await reconnecting.promise;
    expect(followed.state.kind).toBe('reconnecting');
    expect(journal.get(followed.id)?.ending).toBeUndefined();
    await expect(followed.cancel()).rejects.toMatchObject({ code: 'temporal-unreachable' });
    const refused = new InMemoryRunJournal();
    await expect(agent.submit('Hello', { journal: refused })).rejects.toMatchObject({
      code: 'temporal-unreachable',
    });
    expect(refused.unfinished()).toEqual([]);
    await expect(agent.stream('Hello')).rejects.toMatchObject({ code: 'temporal-unreachable' });

    await temporal.restart();
    const ending = await followed.done;

    expect(ending?.result.status, worker.log).toBe('completed');
    expect(ending?.result.text).toContain('Day 7');
    expect(answerText(ending!.view)).toBe(ending?.result.text);
    expect(journal.get(followed.id)?.finishes).toBe(1);
    expect(journal.get(followed.id)?.ending?.result.text).toBe(ending?.result.text);
    expect(followed.state.kind).toBe('finished');
    expect(states.at(-1)?.kind).toBe('finished');
    expect(states.some((state) => state.kind === 'other-temporal')).toBe(false);
  }, 120_000); // the lost attempt is retried after its heartbeat timeout, then streams the plan again

  it('keeps the worker check going while Temporal is down: the run is picked up once both are back', async () => {
    const temporal = await OwnTemporal.start();
    defer(() => temporal.close());
    const model = await startDemoModel();
    defer(() => model.close());
    const taskQueue = uniqueTaskQueue('restart-check');
    const agent = await Agent.create({
      name: 'assistant',
      taskQueue,
      temporal: { address: temporal.address },
    });
    defer(() => agent.close());
    const journal = new InMemoryRunJournal();
    let phase = '';
    const waitingForWorker = until(() => phase === 'waiting-for-worker');

    const followed = await agent.submit('Hello', {
      journal,
      follow: {
        onEvent: (_event, view) => {
          phase = view.phase;
          waitingForWorker.check();
        },
      },
    });
    await waitingForWorker.promise;
    await temporal.kill();
    // Down for longer than one client call retries: the check's own calls have failed meanwhile.
    for (let call = 0; call < 2; call++)
      await expect(agent.identity()).rejects.toMatchObject({ code: 'temporal-unreachable' });
    await temporal.restart();
    const worker = await WorkerProcess.start(taskQueue, model.baseURL, temporal.address);
    defer(() => worker.kill());
    const ending = await followed.done;

    expect(ending?.result.status, worker.log).toBe('completed');
    expect(ending?.view.milestones.map((milestone) => milestone.kind)).toContain('worker-found');
    expect(journal.get(followed.id)?.finishes).toBe(1);
  }, 120_000);
});
