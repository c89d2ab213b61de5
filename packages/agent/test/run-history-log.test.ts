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
});
