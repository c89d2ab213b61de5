import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkerInfo } from '../../src/shared/models';
import { setupTestHosts } from './support/setup-test-hosts';
import { waitUntil } from './support/wait-until';

const EVERYTHING_SERVER = realpathSync(
  path.join(__dirname, '..', '..', 'node_modules', '.bin', 'mcp-server-everything'),
);
/** A slow, read-only MCP tool (no approval): 6 s, a progress heartbeat each second. */
const SLOW_TOOL_PROMPT = 'call everything_trigger-long-running-operation with {"duration":6,"steps":6}';
/**
 * The tool call's heartbeat timeout is 10 s from its last heartbeat (sent at least every second while the
 * tool reports progress): without the host, its retry starts 10 s or more after the kill. The bound leaves
 * room for a loaded, shared test machine.
 */
const RETRY_BOUND_MS = 5000;

const { readyTestHost, createDataDir } = setupTestHosts('tool-call-lost');

describe('the app knows first: a worker process killed during a tool call', () => {
  it('fails the tool call in Temporal at once: it runs again on the second worker well within its heartbeat timeout, and its result is used once', async () => {
    writeFileSync(
      path.join(createDataDir(), 'mcp.json'),
      JSON.stringify({
        mcpServers: { everything: { command: process.execPath, args: [EVERYTHING_SERVER, 'stdio'] } },
      }),
    );
    const test = await readyTestHost(undefined, { initialWorkers: 2 });
    const { host } = test;
    await waitUntil(
      async () => {
        const workers = (await host.handlers.listWorkers()) as WorkerInfo[];
        const ready = workers.filter((worker) =>
          worker.mcpServers?.some((server) => server.name === 'everything' && server.state === 'ready'),
        );
        return ready.length === 2 || undefined;
      },
      'two workers with the MCP server ready',
      120_000,
    );

    const sent = await host.handlers.sendMessage({ text: SLOW_TOOL_PROMPT });
    const runningTool = (workers: readonly WorkerInfo[]) =>
      workers.find(
        (worker) => worker.current?.runId === sent.run.id && worker.current.activity === 'callTool',
      );
    const killed = await waitUntil(
      async () => runningTool((await host.handlers.listWorkers()) as WorkerInfo[]),
      'the tool call, on one of our workers',
      60_000,
    );
    let retriedAt: number | undefined;
    host.events.on('workersChanged', (workers) => {
      const other = runningTool(workers);
      if (retriedAt === undefined && other && other.id !== killed.id) retriedAt = performance.now();
    });
    const killedAt = performance.now();
    await host.handlers.killWorker({ workerId: killed.id });
    await waitUntil(() => retriedAt, 'the tool call to start again on the other worker', 30_000);
    const retryMs = retriedAt! - killedAt;
    console.log(`[measure] tool call started again ${Math.round(retryMs)} ms after kill -9`);
    expect(retryMs).toBeLessThan(RETRY_BOUND_MS);

    await host.idle();
    const detail = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(detail.messages[1]).toMatchObject({ status: 'complete' });
    expect(detail.messages[1]!.text).toContain(
      'The everything_trigger-long-running-operation tool returned: Long running operation completed. Duration: 6 seconds, Steps: 6.',
    );
    const lost = detail.timeline.filter((entry) => entry.kind === 'worker-lost');
    expect(lost.map((entry) => entry.detail)).toEqual([
      `${killed.label} (pid ${killed.pid}) was killed (SIGKILL) during a tool call; the app failed the call in Temporal at once, and it runs again on the next worker that polls task queue "${killed.taskQueue}"`,
    ]);
    expect(test.output.join('\n')).toContain(
      `${killed.label}: the worker process was killed (SIGKILL); failed 1 of its 1 call(s) in Temporal at once`,
    );
  }, 240_000);
});
