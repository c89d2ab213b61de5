import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentBlocks, unmarkedShellBlocks } from './markdown-blocks';
import { commandsOf, missingLine } from './shell-blocks';

const directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-blocks-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function markdown(text: string): string {
  const file = path.join(directory, `${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(file, text);
  return file;
}

describe('the doc-block harness', () => {
  it('reads run, terminals and skip marks, and one output block per terminal', () => {
    const file = markdown(
      [
        '```sh run terminals',
        'npx durable-agent worker   # terminal 1',
        'npx durable-agent agent "Hi"   # terminal 2',
        '```',
        '',
        '```text output',
        'Agent worker running.',
        '```',
        '',
        '```text output',
        'Hello!',
        '```',
        '',
        '```sh skip reason="needs a real cloud account"',
        'temporal cloud login',
        '```',
        '',
        '```bash',
        'echo unmarked',
        '```',
      ].join('\n'),
    );
    const [terminals, skipped] = documentBlocks(file);
    expect(terminals).toMatchObject({
      mode: 'run',
      terminals: true,
      outputs: [['Agent worker running.'], ['Hello!']],
    });
    expect(skipped).toMatchObject({ mode: 'skip', reason: 'needs a real cloud account' });
    expect(unmarkedShellBlocks(file)).toEqual([`${file}:18`]);
  });

  it('splits a block into commands, keeping continuation lines together and dropping comments', () => {
    expect(commandsOf('# a comment\ncurl -N http://x \\\n  -d "{}"\n\nnode a.mjs   # the client\n')).toEqual([
      'curl -N http://x \\\n  -d "{}"',
      'node a.mjs   # the client',
    ]);
  });

  it('finds the expected lines in order, numbers and ids and the home folder standing for any', () => {
    const output = [
      'Dev server pid 4, Temporal pid 17 — Temporal ends with this command (Ctrl+C, or kill 4).',
      'Temporal dev server ready at 127.0.0.1:7233, data in /tmp/reader/home/.local/share/temporal.db',
      '[run] 800ca799 model call completed in 0.6 s',
    ].join('\n');
    const expected = [
      'Dev server pid 52110, Temporal pid 52131 — Temporal ends with this command (Ctrl+C, or kill 52110).',
      '...',
      'Temporal dev server ready at 127.0.0.1:7233, data in /home/me/.local/share/temporal.db',
      '[run] 3f2a1b2c model call completed in 1.2 s',
    ];
    expect(missingLine(expected, output, '/tmp/reader/home')).toBeUndefined();
    expect(missingLine(['[run] 3f2a1b2c model call failed'], output, '/tmp/reader/home')).toBe(
      '[run] 3f2a1b2c model call failed',
    );
    expect(missingLine([...expected].reverse(), output, '/tmp/reader/home')).toBeDefined(); // order matters
    expect(missingLine(expected, output, '/elsewhere')).toBe(expected[2]);
  });
});
