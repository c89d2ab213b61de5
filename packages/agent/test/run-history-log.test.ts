import { readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { describe, expect, it } from 'vitest';
import { RunHistoryLog } from '../src/client/run-history-log';

function recordedHistory(file: string) {
  const json = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'histories', file), 'utf8'));
  return historyFromJSON(json).events ?? [];
}

describe('RunHistoryLog', () => {
  it('tells a run recorded before events were kept in history, once its first workflow task is done', () => {
    const log = new RunHistoryLog();
    const modes: string[] = [];
    for (const event of recordedHistory('plain-run.g1.json')) {
      expect(log.add(event)).toEqual([]);
      modes.push(log.mode);
      if (log.mode === 'legacy') break;
    }
    expect(modes.at(-1)).toBe('legacy');
    expect(modes.filter((mode) => mode === 'unknown').length).toBeGreaterThanOrEqual(4);
  });

  it.each(
    ['g3', 'g4', 'g10', 'g11'].flatMap((generation) =>
      ['plain-run', 'tool-round', 'approval', 'kill-9-retry', 'stop'].map((scenario) => [
        scenario,
        generation,
      ]),
    ),
  )(
    'rebuilds the events of a recorded %s (%s) from its history, numbered without gaps up to the terminal event',
    (scenario, generation) => {
      const log = new RunHistoryLog();
      const events = recordedHistory(`${scenario}.${generation}.json`).flatMap((event) => log.add(event));
      expect(log.mode).toBe('history');
      expect(log.mismatches).toBe(0);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index));
      expect(events[0]?.type).toBe('RUN_STARTED');
      expect(['RUN_FINISHED', 'RUN_ERROR']).toContain(events.at(-1)?.type);
    },
  );
});
