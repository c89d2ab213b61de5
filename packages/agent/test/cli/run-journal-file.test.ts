import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunJournalFile } from '../../src/cli/run-journal-file';
import { ZERO_BREAKDOWN } from '../../src/common/run-usage';
import type { AgentRunResult } from '../../src/common/types';
import type { RunEntry } from '../../src/runs/run-journal';
import { EMPTY_RUN_VIEW, type RunView } from '../../src/runs/run-view';
import { assertLibraryBuilt } from './support/cli-process';

const BUILT_JOURNAL = path.join(__dirname, '..', '..', 'dist', 'cli', 'run-journal-file.js');

let directory: string;
let file: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-journal-'));
  file = path.join(directory, 'cli-runs.json');
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

function entry(runId: string, conversationId = 'conversation-1'): RunEntry {
  return {
    id: `durable-agent/${conversationId}/${runId}`,
    runId,
    conversationId,
    temporal: { address: 'localhost:7233', namespace: 'default', clusterId: 'cluster-1' },
    prompt: `prompt of ${runId}`,
  };
}

const streaming: RunView = {
  ...EMPTY_RUN_VIEW,
  phase: 'streaming',
  lastSeq: 4,
  messages: [{ messageId: 'm-1', text: 'Day 1: Arrive in Tokyo', attempt: 1 }],
};

const completed: AgentRunResult = {
  status: 'completed',
  text: 'Day 1: Arrive in Tokyo',
  messages: [],
  usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 },
  usageByAttempt: [],
  attempts: 1,
  rounds: 1,
  modelCalls: 1,
  retries: 0,
  usageBreakdown: { ...ZERO_BREAKDOWN, answer: { promptTokens: 1, completionTokens: 1, totalTokens: 2 } },
};

describe('RunJournalFile', () => {
  it('keeps recorded runs and their last view for the next process', () => {
    const first = new RunJournalFile(file);
    first.record(entry('run-1'));
    first.progress(entry('run-1'), streaming);
    first.record(entry('run-2', 'conversation-2'));

    // A new process reads the same file.
    const next = new RunJournalFile(file);
    expect(next.unfinished('conversation-1')).toEqual([
      { entry: entry('run-1'), recordedAt: expect.any(String), view: streaming },
    ]);
    expect(next.unfinished('conversation-2').map((run) => run.entry)).toEqual([
      entry('run-2', 'conversation-2'),
    ]);
  });

  it('keeps a run recorded by a process killed with SIGKILL right after', () => {
    assertLibraryBuilt();
    const script = `
      const { RunJournalFile } = require(${JSON.stringify(BUILT_JOURNAL)});
      const journal = new RunJournalFile(${JSON.stringify(file)});
      journal.record(${JSON.stringify(entry('run-1'))});
      journal.progress(${JSON.stringify(entry('run-1'))}, ${JSON.stringify(streaming)});
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');

    expect(new RunJournalFile(file).unfinished('conversation-1')).toEqual([
      { entry: entry('run-1'), recordedAt: expect.any(String), view: streaming },
    ]);
  });

  it('forgets a run once it is finished, and a late progress does not bring it back', () => {
    const journal = new RunJournalFile(file);
    journal.record(entry('run-1'));
    journal.finish(entry('run-1'), { view: streaming, result: completed, messages: [] });
    journal.progress(entry('run-1'), streaming);

    expect(new RunJournalFile(file).unfinished('conversation-1')).toEqual([]);
  });

  it('records a run once, however often it is recorded, and lists a conversation oldest first', () => {
    const journal = new RunJournalFile(file);
    journal.record(entry('run-1'));
    journal.record(entry('run-2'));
    journal.record(entry('run-1'));

    expect(journal.unfinished('conversation-1').map((run) => run.entry.runId)).toEqual(['run-1', 'run-2']);
  });

  it('sees what another process sharing the data directory recorded meanwhile', () => {
    const mine = new RunJournalFile(file);
    const theirs = new RunJournalFile(file);
    mine.record(entry('run-1'));
    theirs.record(entry('run-2'));
    mine.progress(entry('run-1'), streaming);

    expect(theirs.unfinished('conversation-1').map((run) => run.entry.runId)).toEqual(['run-1', 'run-2']);
  });

  it('replaces the file whole, leaving no temporary file or lock behind', () => {
    const journal = new RunJournalFile(file);
    journal.record(entry('run-1'));
    journal.progress(entry('run-1'), streaming);

    expect(readdirSync(directory)).toEqual(['cli-runs.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, runs: [{ view: streaming }] });
  });

  it.each([
    ['is not JSON', '{"version": 1, "runs": [', /could not be read \(.*JSON.*\)/],
    ['has the wrong shape', '{"version": 1, "runs": [{"entry": {"id": 7}}]}', /runs\.0\.entry/],
  ])('moves a file that %s aside with a warning and starts anew', (_case, content, reason) => {
    writeFileSync(file, content);
    const warnings: string[] = [];
    const journal = new RunJournalFile(file, (message) => warnings.push(message));

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(reason);
    const aside = readdirSync(directory).find((name) => name.startsWith('cli-runs.json.damaged-'));
    expect(aside).toBeDefined();
    expect(warnings[0]).toContain(path.join(directory, aside!));
    expect(readFileSync(path.join(directory, aside!), 'utf8')).toBe(content);
    expect(journal.unfinished('conversation-1')).toEqual([]);
    journal.record(entry('run-1'));
    expect(journal.unfinished('conversation-1')).toHaveLength(1);
  });

  it('reports a progress it could not save once, without throwing', () => {
    const warnings: string[] = [];
    const journal = new RunJournalFile(file, (message) => warnings.push(message));
    journal.record(entry('run-1'));
    mkdirSync(`${file}.${process.pid}.tmp`); // the temporary file cannot be written

    journal.progress(entry('run-1'), streaming);
    journal.progress(entry('run-1'), streaming);

    expect(warnings).toEqual([expect.stringContaining("could not save the run's progress")]);
  });

  it('takes over a lock left by a process that died', () => {
    writeFileSync(`${file}.lock`, '2147483646');
    const journal = new RunJournalFile(file);
    journal.record(entry('run-1'));

    expect(journal.unfinished('conversation-1')).toHaveLength(1);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
