import { describe, expect, it } from 'vitest';
import { cursorAfter } from '../../src/cli/terminal-cursor';

describe('cursorAfter', () => {
  it('wraps a row only when a character comes after its last column', () => {
    expect(cursorAfter('abcd', 4)).toEqual({ row: 0, column: 4 });
    expect(cursorAfter('abcde', 4)).toEqual({ row: 1, column: 1 });
    expect(cursorAfter('abcd\n', 4)).toEqual({ row: 1, column: 0 });
  });

  it('gives colors no room, wide characters two columns and combining marks none', () => {
    expect(cursorAfter('\u001b[2m[retry]\u001b[22m', 80)).toEqual({ row: 0, column: 7 });
    expect(cursorAfter('東京', 80)).toEqual({ row: 0, column: 4 });
    expect(cursorAfter('東京都', 5)).toEqual({ row: 1, column: 2 });
    expect(cursorAfter('e\u0301', 80)).toEqual({ row: 0, column: 1 });
  });
});
