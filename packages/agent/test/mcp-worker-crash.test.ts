import { afterEach, describe, expect, it } from 'vitest';
import type { McpServerStatus } from '../src/mcp/mcp-status';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { collectEvents } from './support/collect-events';
import { everythingServer } from './support/mcp-test-servers';
import { processTree, waitUntilGone } from './support/process-tree';
import { WorkerProcess } from './support/worker-process';
import { historyEvents, scheduledActivities, waitForRunningActivity } from './support/workflow-history';

let fixture: AgentFixture | undefined;
const processes: WorkerProcess[] = [];
afterEach(async () => {
  for (const each of processes.splice(0)) await each.kill().catch(() => undefined);
  await fixture?.close();
  fixture = undefined;
  delete process.env.AGENT_MCP_SERVERS;
});

/** The processes of a worker's ready MCP servers (each guard and what runs below it), from its log. */
function serverProcesses(worker: WorkerProcess): number[] {
  const statuses = worker.log
    .split('\n')
    .filter((line) => line.startsWith('mcp '))
    .map((line) => JSON.parse(line.slice(4)) as McpServerStatus);
  const guard = statuses.findLast((status) => status.state === 'ready')?.pid;
  if (guard === undefined) throw new Error(`no ready MCP server in the worker's log:\n${worker.log}`);
  return processTree(guard);
}

describe('MCP tools on a real worker process', () => {
  it('retries an MCP call on a new worker after kill -9 of the one running it; the answer is stored once and no server is orphaned', async () => {
    fixture = await createAgentFixture({ worker: false, agent: { heartbeatTimeout: '2s' } });
    process.env.AGENT_MCP_SERVERS = JSON.stringify({ everything: everythingServer() });
    const first = await WorkerProcess.start(fixture.taskQueue, fixture.model.baseURL);
    processes.push(first);
    const firstServers = serverProcesses(first);
    expect(firstServers.length).toBeGreaterThanOrEqual(2); // the guard and the server

    const run = await fixture.agent.stream(
      'call everything_trigger-long-running-operation with {"duration":3,"steps":3}',
    );
    await waitForRunningActivity(run.id, 'callTool');
    await first.kill();
    // The killed worker's server stops by itself: its guard sees the worker gone.
    expect(await waitUntilGone(firstServers, 5000)).toEqual([]);

    const second = await WorkerProcess.start(fixture.taskQueue, fixture.model.baseURL);
    processes.push(second);
    const events = await collectEvents(run.events());
    const result = await run.result();

    expect(result.status).toBe('completed');
    expect(result.text).toBe(
      'The everything_trigger-long-running-operation tool returned: Long running operation completed. Duration: 3 seconds, Steps: 3.',
    );
    expect(result.messages.map((message) => message.role)).toEqual(['assistant', 'tool', 'assistant']);
    expect(events.filter((event) => event.type === 'TOOL_CALL_RESULT')).toHaveLength(1);
    const calls = scheduledActivities(await historyEvents(run.id)).filter((each) => each.type === 'callTool');
    expect(calls).toMatchObject([{ attempt: 2, summary: 'everything.trigger-long-running-operation' }]);

    const secondServers = serverProcesses(second);
    await second.stop();
    expect(await waitUntilGone(secondServers, 10_000)).toEqual([]);
  });
});
