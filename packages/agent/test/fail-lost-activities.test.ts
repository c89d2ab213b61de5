import { Client, Connection } from '@temporalio/client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { answerText, applyRunEvent, EMPTY_RUN_VIEW } from '../src/runs';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { everythingServer } from './support/mcp-test-servers';
import { WorkerProcess } from './support/worker-process';
import { waitForRunningActivity } from './support/workflow-history';

const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
const REASON = 'the worker process was killed (SIGKILL)';

let fixture: AgentFixture | undefined;
let connection: Connection | undefined;
const processes: WorkerProcess[] = [];
afterEach(async () => {
  for (const worker of processes.splice(0)) await worker.kill().catch(() => undefined);
  await fixture?.close();
  await connection?.close();
  fixture = undefined;
});

async function startWorkerProcess(environment: Record<string, string> = {}): Promise<WorkerProcess> {
  const worker = await WorkerProcess.start(
    fixture!.taskQueue,
    fixture!.model.baseURL,
    undefined,
    environment,
  );
  processes.push(worker);
  return worker;
}

describe('Agent.failLostActivities', () => {
  it('fails the dead worker’s attempt at once (not another worker’s), and the next attempt says why', async () => {
    fixture = await createAgentFixture({ pace: 60, worker: false });
    connection = await Connection.connect({ address: inject('temporalAddress') });
    const client = new Client({ connection });
    // Two workers poll: the one running the answer is killed; the other takes over (a slow start after the
    // kill must not outlast the heartbeat timeout).
    const workers = await Promise.all([startWorkerProcess(), startWorkerProcess()]);
    const run = await fixture.agent.stream(TRAVEL_PLAN);
    const events = run.events();
    let view = EMPTY_RUN_VIEW;
    while (!answerText(view).includes('Day 1')) view = applyRunEvent(view, (await events.next()).value!);

    const { raw } = await client.workflow.getHandle(run.id).describe();
    const pending = raw.pendingActivities?.[0];
    expect(pending?.activityType?.name).toBe('invokeModelStreaming');
    const lost = [{ workflowId: run.id, activityId: pending!.activityId! }];
    const identity = pending!.lastWorkerIdentity!;
    const running = workers.find((worker) => identity.endsWith(`:${worker.pid}`));
    expect(running, `a worker with the identity ${identity}`).toBeDefined();
    await running!.kill();

    // An attempt is failed only where the lost worker still runs it.
    const elsewhere = await fixture.agent.failLostActivities(lost, {
      reason: REASON,
      workerIdentity: 'another worker',
    });
    expect(elsewhere).toBe(0);
    const failedAt = Date.now();
    const failed = await fixture.agent.failLostActivities(lost, {
      reason: REASON,
      workerIdentity: identity,
    });
    expect(failed).toBe(1);

    let retriedAt: number | undefined;
    for (let next = await events.next(); !next.done; next = await events.next()) {
      view = applyRunEvent(view, next.value);
      if (retriedAt === undefined && next.value.type === 'TEXT_MESSAGE_CONTENT' && view.currentAttempt === 2)
        retriedAt = Date.now();
    }
    // The heartbeat timeout (10 s from the last heartbeat) is not what moved it.
    expect(retriedAt! - failedAt).toBeLessThan(5000);
    const result = await run.result();
    expect(result).toMatchObject({ status: 'completed', modelCalls: 1, retries: 1 });
    expect(view.retryReason).toBe(REASON);
    expect(answerText(view).match(/Day 1: Arrive in Tokyo/g)).toHaveLength(1);
    expect(result.usageBreakdown.failedAttempts.totalTokens).toBeGreaterThan(0);
  }, 120_000);

  it('fails a tool call the dead worker reported (an MCP tool’s): it runs again on the other worker at once', async () => {
    fixture = await createAgentFixture({ worker: false });
    connection = await Connection.connect({ address: inject('temporalAddress') });
    const client = new Client({ connection });
    const environment = { AGENT_MCP_SERVERS: JSON.stringify({ everything: everythingServer() }) };
    const workers = await Promise.all([startWorkerProcess(environment), startWorkerProcess(environment)]);
    const run = await fixture.agent.stream(
      'call everything_trigger-long-running-operation with {"duration":4,"steps":4}',
    );
    await waitForRunningActivity(run.id, 'callTool');
    const { raw } = await client.workflow.getHandle(run.id).describe();
    const pending = raw.pendingActivities!.find((activity) => activity.activityType?.name === 'callTool')!;
    const identity = pending.lastWorkerIdentity!;
    const running = workers.find((worker) => identity.endsWith(`:${worker.pid}`))!;
    const other = workers.find((worker) => worker !== running)!;
    // The worker tells whoever supervises it about the tool call, as it does about model calls.
    await running.waitFor('activity started callTool attempt=1', 5000);
    await running.kill();

    const failedAt = Date.now();
    const lost = [{ workflowId: run.id, activityId: pending.activityId! }];
    expect(await fixture.agent.failLostActivities(lost, { reason: REASON, workerIdentity: identity })).toBe(
      1,
    );
    // Its heartbeat timeout (10 s from the last progress heartbeat) is not what moved it.
    await other.waitFor('activity started callTool attempt=2', 5000);
    expect(Date.now() - failedAt).toBeLessThan(5000);
    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(result.text).toBe(
      'The everything_trigger-long-running-operation tool returned: Long running operation completed. Duration: 4 seconds, Steps: 4.',
    );
    expect(other.log).toContain('activity completed callTool attempt=2');
  }, 120_000);
});
