import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import {
  DefaultLogger,
  type ReplayResult,
  type ReplayWorkerOptions,
  Runtime,
  Worker,
} from '@temporalio/worker';

const HISTORIES = path.join(__dirname, '..', 'fixtures', 'histories');

/** The recorded histories of earlier workflow versions (fixtures/histories), by file name, sorted. */
export const recordedHistoryFiles: readonly string[] = readdirSync(HISTORIES)
  .filter((file) => file.endsWith('.json'))
  .sort();

/** Replays every recorded history with `options` (the workflow bundle to check); the results by file name. */
export async function replayRecordedHistories(
  options: ReplayWorkerOptions,
): Promise<Map<string, ReplayResult>> {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Another helper of this process installed a runtime already.
  }
  const histories = recordedHistoryFiles.map((file) => ({
    workflowId: file,
    history: historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8'))),
  }));
  const results = new Map<string, ReplayResult>();
  for await (const result of Worker.runReplayHistories(options, histories))
    results.set(result.workflowId, result);
  return results;
}
