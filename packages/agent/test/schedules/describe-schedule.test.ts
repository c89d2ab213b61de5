import {
  type ScheduleDescription,
  type ScheduleHandle,
  ScheduleNotFoundError,
  ServiceError,
} from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { describeSchedule } from '../../src/client/describe-schedule';

/** What the SDK throws when the server's query of the schedule's workflow timed out (seen under load). */
function timedOut(): ServiceError {
  const cause = Object.assign(new Error('4 DEADLINE_EXCEEDED: context deadline exceeded'), {
    code: 4,
    details: 'context deadline exceeded',
    metadata: { get: () => [] },
  });
  return new ServiceError('Failed to describe schedule', { cause });
}

/** A handle whose describe fails with each of `failures` in turn, then answers. */
function handleFailing(...failures: Error[]): { handle: ScheduleHandle; calls: () => number } {
  let calls = 0;
  const description = { scheduleId: 'morning' } as unknown as ScheduleDescription;
  const handle = {
    describe: async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return description;
    },
  } as unknown as ScheduleHandle;
  return { handle, calls: () => calls };
}

describe('describeSchedule', () => {
  it('tries a describe that timed out inside the server again', async () => {
    const { handle, calls } = handleFailing(timedOut(), timedOut());
    await expect(describeSchedule(handle)).resolves.toMatchObject({ scheduleId: 'morning' });
    expect(calls()).toBe(3);
  });

  it('gives up after 5 tries with the server’s error', async () => {
    const { handle, calls } = handleFailing(...Array.from({ length: 6 }, timedOut));
    await expect(describeSchedule(handle)).rejects.toThrow('Failed to describe schedule');
    expect(calls()).toBe(5);
  });

  it('passes any other error on at once: a deleted schedule is not found', async () => {
    const { handle, calls } = handleFailing(new ScheduleNotFoundError('schedule not found', 'morning'));
    await expect(describeSchedule(handle)).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect(calls()).toBe(1);
  });
});
