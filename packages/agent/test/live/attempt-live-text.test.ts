import { afterEach, describe, expect, it } from 'vitest';
import { openAttemptLiveText } from '../../src/activities/attempt-live-text';
import { asControlEvent, type LiveTextAddress } from '../../src/common/events';
import { LiveTextServer } from '../../src/live/live-text-server';

const context = { runId: 'run', threadId: 'thread' };
const servers: LiveTextServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The live text of attempt `attempt` of message `m` on `server`, as worker `worker` opens it. */
function open(
  server: LiveTextServer | undefined,
  worker: string,
  liveReservation: LiveTextAddress | undefined,
  attempt = 1,
) {
  const input = { messageId: 'm', ...(liveReservation ? { liveReservation } : {}) };
  return openAttemptLiveText(server, worker, { input, context, attempt, activityAttempt: attempt });
}

async function workerServer(worker: string): Promise<LiveTextServer> {
  const server = await LiveTextServer.start({ worker });
  servers.push(server);
  return server;
}

describe('openAttemptLiveText', () => {
  it('claims the address its workflow reserved on this worker and announces nothing', async () => {
    const here = await workerServer('worker-a');
    const reserved = here.reserve();
    const opened = open(here, 'worker-a', reserved);
    expect(opened.live?.address).toEqual(reserved);
    expect(opened.announcement).toBeUndefined();
  });

  it('on another worker than the reserving one, serves the text there and says it moved', async () => {
    const reserving = await workerServer('worker-a');
    const running = await workerServer('worker-b');
    const opened = open(running, 'worker-b', reserving.reserve());
    expect(opened.live?.address.url.startsWith(running.origin)).toBe(true);
    expect(asControlEvent(opened.announcement!)).toEqual({
      name: 'live-text-moved',
      value: { messageId: 'm', attempt: 1, liveText: opened.live?.address, worker: 'worker-b' },
    });
  });

  it('a retry, or a call its workflow did not announce, publishes its own start', async () => {
    const here = await workerServer('worker-a');
    const retry = open(here, 'worker-a', here.reserve(), 2);
    expect(retry.announcement).toMatchObject({
      type: 'TEXT_MESSAGE_START',
      messageId: 'm',
      attempt: 2,
      liveText: retry.live?.address,
      worker: 'worker-a',
    });
    const unannounced = open(undefined, 'worker-a', undefined);
    expect(unannounced.live).toBeUndefined();
    expect(unannounced.announcement).toMatchObject({ type: 'TEXT_MESSAGE_START', attempt: 1 });
  });
});
