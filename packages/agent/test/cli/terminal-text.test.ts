import { describe, expect, it } from 'vitest';
import { visibleLine, visibleText } from '../../src/cli/terminal-text';

describe('visibleText', () => {
  it('shows C0 and C1 controls, DEL and bidirectional overrides as visible stand-ins', () => {
    expect(visibleText('a\u001b[2Jb\u001b]0;title\u0007c\rd\u0008e\u007ff\u009bg\u202eh')).toBe(
      'a␛[2Jb␛]0;title␇c␍d␈e␡f�g�h',
    );
  });

  it('keeps newlines, tabs and printable text of any script as they are', () => {
    const text = 'Day 1:\tTokyo\n東京 — café 🍣 שלום';
    expect(visibleText(text)).toBe(text);
  });
});

describe('visibleLine', () => {
  it('also shows newlines, tabs and line separators, so the text stays on its line', () => {
    expect(visibleLine('{"a":1}\n[approval] x\tb\u2028c')).toBe('{"a":1}␊[approval] x␉b�c');
  });
});
