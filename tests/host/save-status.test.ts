import { describe, expect, it } from 'vitest';
import { isWriteFailure, type SaveState, SaveStatus } from '../../src/host/history/save-status';

const sqliteError = (code: string) => Object.assign(new Error(code), { code });

describe('isWriteFailure', () => {
  it('retries what the file system refused (full, I/O, read-only, locked) and nothing else', () => {
    for (const code of [
      'SQLITE_FULL',
      'SQLITE_IOERR',
      'SQLITE_IOERR_WRITE',
      'SQLITE_READONLY_DBMOVED',
      'SQLITE_BUSY',
    ]) {
      expect(isWriteFailure(sqliteError(code)), code).toBe(true);
    }
    for (const error of [
      sqliteError('SQLITE_CONSTRAINT_UNIQUE'),
      sqliteError('SQLITE_FULLY'),
      new Error('bug'),
      undefined,
    ]) {
      expect(isWriteFailure(error), String(error)).toBe(false);
    }
  });
});

describe('SaveStatus', () => {
  it('tells its listeners once when saving starts failing and once when it works again', () => {
    const status = new SaveStatus();
    const seen: SaveState['kind'][] = [];
    status.onChange((state) => seen.push(state.kind));
    status.succeeded();
    status.failed(sqliteError('SQLITE_FULL'));
    status.failed(sqliteError('SQLITE_FULL'));
    expect(status.current()).toMatchObject({ kind: 'failing', error: 'SQLITE_FULL' });
    status.succeeded();
    status.succeeded();
    expect(seen).toEqual(['failing', 'ok']);
  });
});
