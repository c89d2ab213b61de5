import { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { ReplayResult } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { workflowBundleOption } from '../../src/worker/workflow-bundle';
import { recordedHistoryFiles, replayRecordedHistories } from '../support/recorded-histories';

/**
 * Turning traces on for a fleet with runs still open: the traced bundle (Temporal's OpenTelemetry workflow
 * interceptors and the invoke_agent span) must replay every recorded history of earlier versions, and a
 * replay must export no span (the runs' spans were exported when they first ran).
 */
const files = recordedHistoryFiles;

let results = new Map<string, ReplayResult>();
const exported: ReadableSpan[] = [];
const recorder: SpanProcessor = {
  onStart: () => undefined,
  onEnd: (span) => exported.push(span),
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};

beforeAll(async () => {
  results = await replayRecordedHistories({
    workflowBundle: await workflowBundleOption(true),
    replayName: 'traced-workflow-replay-test',
    sinks: { exporter: makeWorkflowExporter(recorder, new Resource({})) },
  });
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
