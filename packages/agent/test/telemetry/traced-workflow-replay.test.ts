import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/worker';
import { DefaultLogger, type ReplayResult, Runtime, Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { workflowBundleOption } from '../../src/worker/workflow-bundle';

/**
 * Turning traces on for a fleet with runs still open: the traced bundle (Temporal's OpenTelemetry workflow
 * interceptors and the invoke_agent span) must replay every recorded history of earlier versions, and a
 * replay must export no span (the runs' spans were exported when they first ran).
 */
const HISTORIES = path.join(__dirname, '..', 'fixtures', 'histories');
const files = readdirSync(HISTORIES)
  .filter((file) => file.endsWith('.json'))
  .sort();

const results = new Map<string, ReplayResult>();
const exported: ReadableSpan[] = [];
const recorder: SpanProcessor = {
  onStart: () => undefined,
  onEnd: (span) => exported.push(span),
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Another helper of this process installed a runtime already.
  }
  const histories = files.map((file) => ({
    workflowId: file,
    history: historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8'))),
  }));
  const replay = Worker.runReplayHistories(
    {
      workflowBundle: await workflowBundleOption(true),
      replayName: 'traced-workflow-replay-test',
      sinks: { exporter: makeWorkflowExporter(recorder, new Resource({})) },
    },
    histories,
  );
  for await (const result of replay) results.set(result.workflowId, result);
}, 180_000);

describe('the traced agentRun workflow bundle', () => {
  it.each(files)('replays %s', (file) => {
    const result = results.get(file);
    expect(result, `no replay result for ${file}`).toBeDefined();
    expect(result!.error, String(result!.error)).toBeUndefined();
  });

  it('exports no span while replaying', () => {
    expect(results.size).toBe(files.length);
    expect(exported.map((span) => span.name)).toEqual([]);
  });
});
