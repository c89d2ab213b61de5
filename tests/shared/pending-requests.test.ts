import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/shared/api-error';
import { PendingRequests } from '../../src/shared/pending-requests';

afterEach(() => {
  vi.useRealTimers();
});

describe('PendingRequests', () => {
  it('resolves a request with the host’s value and rejects one with the host’s error', async () => {
    const pending = new PendingRequests();
    const listed = pending.wait(1, 'listConversations', 60_000);
    const renamed = pending.wait(2, 'renameConversation', 60_000);
    pending.answer({ type: 'result', id: 1, ok: true, value: ['a'] });
    pending.answer({
      type: 'result',
      id: 2,
      ok: false,
      error: { code: 'not-found', message: 'no conversation "x"' },
    });
    await expect(listed).resolves.toEqual(['a']);
    await expect(renamed).rejects.toMatchObject({ code: 'not-found', message: 'no conversation "x"' });
  });

  it('fails only what was sent on the socket that closed; a queued request is still answered later', async () => {
    const pending = new PendingRequests();
    const sent = pending.wait(1, 'listWorkers', 60_000);
    const queued = pending.wait(2, 'listWorkers', 60_000);
    pending.sentOnSocket(1);
    pending.failSent('the connection to the host was lost (code 1006)');
    await expect(sent).rejects.toMatchObject({
      code: 'unavailable',
      message: 'the connection to the host was lost (code 1006)',
    });
    pending.sentOnSocket(2);
    pending.answer({ type: 'result', id: 2, ok: true, value: [] });
    await expect(queued).resolves.toEqual([]);
  });

  it('fails a request the host never answers after its timeout, naming the channel', async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests();
    const answer = pending.wait(7, 'getSettings', 1_000);
    pending.sentOnSocket(7);
    const outcome = expect(answer).rejects.toMatchObject({
      code: 'unavailable',
      message: 'getSettings: no answer from the host within 1000 ms',
    });
    vi.advanceTimersByTime(1_000);
    await outcome;
    pending.answer({ type: 'result', id: 7, ok: true, value: 'too late' }); // ignored
  });

  it('fails every request, sent or not, when the transport is closed', async () => {
    const pending = new PendingRequests();
    const sent = pending.wait(1, 'listWorkers', 60_000);
    const queued = pending.wait(2, 'listWorkers', 60_000);
    pending.sentOnSocket(1);
    pending.failAll('the connection to the host was closed');
    for (const request of [sent, queued]) await expect(request).rejects.toBeInstanceOf(ApiError);
    for (const request of [sent, queued])
      await expect(request).rejects.toMatchObject({
        code: 'unavailable',
        message: 'the connection to the host was closed',
      });
  });
});
