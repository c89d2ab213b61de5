import { describe, expect, it } from 'vitest';
import { type AgentEvent, asControlEvent } from '../src/common/events';
import { collectEvents, readUntil } from './support/collect-events';
import { uniqueTaskQueue } from './support/unique-task-queue';
import { useWorkerProcesses } from './support/use-worker-processes';

const { createFixture, startWorkerProcess } = useWorkerProcesses();

const NO_WORKER = (queue: string) =>
  `no worker available: timed out waiting for workers on task queue "${queue}"`;

describe('interactive mode', () => {
  it('fails with the no-worker error when no worker picks the run up in time, and never answers later', async () => {
    const fixture = await createFixture({ worker: false, agent: { timeout: '3s' } });
    const run = await fixture.agent.stream('Hello from remote agent!');
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.status).toBe('failed');
    expect(result.error?.message).toBe(NO_WORKER(fixture.taskQueue));
    const last = events.at(-1);
    expect(last?.type === 'RUN_ERROR' && last.message).toBe(NO_WORKER(fixture.taskQueue));
    expect(
      events.map(asControlEvent).map((event) => event?.name === 'worker-wait' && event.value.state),
    ).toContain('waiting');

    // No ghost answer: a worker that starts now finds nothing to do.
    await fixture.startWorker();
    const again = await fixture.agent.attach(run.id);
    expect((await again.result()).status).toBe('failed');
    expect(fixture.model.requestCount).toBe(0);
  });

  it('shows the wait, then the worker that came within the timeout, and answers', async () => {
    const fixture = await createFixture({ worker: false, agent: { timeout: '20s' } });
    const run = await fixture.agent.stream('Hello from remote agent!');
    const events = run.events();
    const seen: AgentEvent[] = [];
    const waitState = (event: AgentEvent) => {
      const control = asControlEvent(event);
      return control?.name === 'worker-wait' ? control.value.state : undefined;
    };
    await readUntil(events, seen, (event) => waitState(event) === 'waiting');
    await fixture.startWorker();
    for await (const event of events) seen.push(event);

    expect(seen.map(waitState).filter(Boolean)).toEqual(['waiting', 'found']);
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(result.text).toBe('Hello! How can I help you today?');
  });

  it('is not satisfied by a worker polling another task queue', async () => {
    const fixture = await createFixture({ worker: false, agent: { timeout: '3s' } });
    await fixture.startWorker({ taskQueue: uniqueTaskQueue('wrong-queue') });
    const result = await fixture.agent.run('Hello from remote agent!');
    expect(result.error?.message).toBe(NO_WORKER(fixture.taskQueue));
    expect(fixture.model.requestCount).toBe(0);
  });

  it('ends with deadline exceeded when the worker dies mid-stream and none resumes the run in time', async () => {
    const fixture = await createFixture({
      pace: 40,
      worker: false,
      agent: { timeout: '12s', heartbeatTimeout: '2s' },
    });
    const worker = await startWorkerProcess();
    const run = await fixture.agent.stream(
      'Write a detailed day-by-day travel plan for a 7-day trip to Japan.',
    );
    const events = run.events();
    const seen: AgentEvent[] = [];
    await readUntil(events, seen, (event) => event.type === 'TEXT_MESSAGE_CONTENT');
    await worker.kill();
    for await (const event of events) seen.push(event);
    const last = seen.at(-1);
    expect(last?.type === 'RUN_ERROR' && last.message).toBe(
      'deadline exceeded: no worker resumed the workflow within the timeout',
    );
    expect((await run.result()).error?.code).toBe('deadline-exceeded');
  });
});

describe('autonomous mode', () => {
  it('skips the worker check: the run waits in the queue until a worker comes', async () => {
    const fixture = await createFixture({ worker: false, agent: { mode: 'autonomous' } });
    const run = await fixture.agent.stream('Hello from remote agent!');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await fixture.startWorker();
    const events = await collectEvents(run.events());
    expect(events.some((event) => asControlEvent(event)?.name === 'worker-wait')).toBe(false);
    const result = await run.result();
    expect(result.text).toBe('Hello! How can I help you today?');
  });
});
