import type { ReplayResult } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { workflowBundleOption } from '../src/worker/workflow-bundle';
import { recordedHistoryFiles, replayRecordedHistories } from './support/recorded-histories';

/**
 * Runs still open when a new worker version starts are replayed by the new workflow code. These are real
 * histories of earlier versions (fixtures/histories, recorded by record-workflow-histories.test.ts); each
 * must replay against the workflow bundle built from the current source without a nondeterminism error.
 * A change that fails here must be guarded with `patched()` (see the README, "Changing the workflow safely").
 */
const files = recordedHistoryFiles;
let results = new Map<string, ReplayResult>();

beforeAll(async () => {
  results = await replayRecordedHistories({
    workflowBundle: await workflowBundleOption(),
    replayName: 'workflow-replay-test',
  });
});

describe('agentRun workflow replay', () => {
  it('has recorded histories of a plain run, a tool round, an approval, a kill -9 retry, a Stop and a failure', () => {
    for (const scenario of ['plain-run', 'tool-round', 'approval', 'kill-9-retry', 'stop', 'model-error'])
      expect(files.some((file) => file.startsWith(`${scenario}.`))).toBe(true);
  });

  it('has recorded histories of a model fallback, a structured answer corrected once, compactions and a call made again', () => {
    for (const scenario of [
      'model-fallback',
      'structured-output',
      'compaction',
      'compaction-refused',
      'unstarted-attempts',
    ])
      expect(files.some((file) => file.startsWith(`${scenario}.`))).toBe(true);
  });

  it('has recorded histories of a run that continued as new: its first Temporal run and a continued one', () => {
    for (const scenario of ['continue-as-new-first', 'continue-as-new-continued'])
      expect(files.some((file) => file.startsWith(`${scenario}.`))).toBe(true);
  });

  it('has them with the continued-as-new event and approval decisions carried over (g9)', () => {
    expect(files).toEqual(
      expect.arrayContaining(['continue-as-new-first.g9.json', 'continue-as-new-continued.g9.json']),
    );
  });

  it('has runs of the current format, which announce their model calls from the workflow (g11)', () => {
    expect(files).toEqual(expect.arrayContaining(['plain-run.g11.json', 'kill-9-retry.g11.json']));
  });

  it.each(files)('replays %s with the current workflow code', (file) => {
    const result = results.get(file);
    expect(result, `no replay result for ${file}`).toBeDefined();
    expect(result!.error, describeError(result!.error)).toBeUndefined();
  });
});

function describeError(error: unknown): string {
  if (!error) return '';
  const cause = (error as { cause?: unknown }).cause;
  return `${String(error)}${cause ? `\ncaused by: ${String(cause)}` : ''}`;
}
