import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Agent } from '../src/client/agent';
import { TemporalDevServer } from '../src/dev-server/temporal-dev-server';
import { describeTemporalLog, TemporalLog, type TemporalLogSummary } from '../src/dev-server/temporal-log';
import { startDemoModel } from '../src/llm/demo-model';
import { openAICompatible } from '../src/llm/openai-compatible';
import { AgentWorker } from '../src/worker/agent-worker';
import { ConnectionRetryLogger } from '../src/worker/connection-retry-logger';
import { uniqueTaskQueue } from './support/unique-task-queue';

const directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-quiet-logs-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const retryLine = 'gRPC call poll_activity_task retried 7 times';
const retryMeta = { sdkComponent: 'core', target: 'temporalio_client::retry' };

describe('TemporalLog', () => {
  it('keeps every line in its file and sums up warnings and errors in one line', async () => {
    const file = path.join(directory, 'data', 'temporal.log');
    const summaries: TemporalLogSummary[] = [];
    const log = new TemporalLog(file, (summary) => summaries.push(summary));
    log.add('time=2026-12-06T22:19:32.027 level=INFO msg="Use rpc address 127.0.0.1:7233"');
    log.add('time=2026-12-06T22:19:33.000 level=ERROR msg="potential deadlock detected" service=history');
    for (let index = 0; index < 300; index++)
      log.add('time=2026-12-06T22:19:34.000 level=WARN msg="Unable to call matching.PollActivityTaskQueue."');
    await log.close();

    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(302);
    // The first problem at once, the rest in one more summary (at close: they came within 30 s).
    expect(summaries).toHaveLength(2);
    expect(describeTemporalLog(summaries[1]!)).toBe(
      `Temporal logged 300 warnings and 1 error — last: Unable to call matching.PollActivityTaskQueue. (full log: ${file})`,
    );
  });
});

describe('ConnectionRetryLogger', () => {
  it('says "Temporal unreachable for N s — retrying" once per 15 s instead of a line per retried call', () => {
    let now = 0;
    const reports: string[] = [];
    const logger = new ConnectionRetryLogger('ERROR', {
      report: (line) => reports.push(line),
      now: () => now,
    });
    for (; now <= 40_000; now += 250) logger.log('WARN', retryLine, retryMeta);

    expect(reports).toEqual([
      'Temporal unreachable — retrying',
      'Temporal unreachable for 15 s — retrying',
      'Temporal unreachable for 30 s — retrying',
    ]);

    // Quiet for a while: the next retry is a new outage, counted from 0 again.
    now += 60_000;
    logger.log('WARN', retryLine, retryMeta);
    expect(reports.at(-1)).toBe('Temporal unreachable — retrying');
  });

  it('passes other lines on at its level', () => {
    const reports: string[] = [];
    const logger = new ConnectionRetryLogger('ERROR', { report: (line) => reports.push(line) });
    logger.log('WARN', 'Activity not found', { sdkComponent: 'worker' });
    expect(reports).toEqual([]);
  });
});

describe('the dev servers the library starts', () => {
  it('store an answer of 1500 tokens without a size warning in their log', async () => {
    const logFile = path.join(directory, 'size', 'temporal.log');
    const server = await TemporalDevServer.start({
      port: 0,
      headless: true,
      logFile,
      startTimeoutMs: 60_000,
    });
    const model = await startDemoModel({ pace: 5000 });
    const taskQueue = uniqueTaskQueue('size-warning');
    const worker = await AgentWorker.create({
      name: 'assistant',
      instructions: 'You are a helpful assistant.',
      taskQueue,
      temporal: { address: server.address },
      model: openAICompatible({ baseURL: model.baseURL, apiKey: 'not-needed', model: 'demo' }),
    });
    const running = worker.run();
    const agent = await Agent.create({ name: 'assistant', taskQueue, temporal: { address: server.address } });
    try {
      const result = await agent.run('Reply with 1500 tokens');
      expect(result.text.length).toBeGreaterThan(8000);
    } finally {
      await agent.close();
      await worker.shutdown();
      await running;
      await model.close();
      await server.stop();
    }
    expect(readFileSync(logFile, 'utf8')).not.toMatch(/size exceeds the warning limit/i);
  });
});
