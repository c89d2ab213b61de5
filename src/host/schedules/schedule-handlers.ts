import { randomUUID } from 'node:crypto';
import { AgentError, type AgentSchedule, type ScheduleTiming } from 'durable-agent';
import { ApiError } from '../../shared/api-error';
import type { InvokeHandlers } from '../../shared/ipc-contract';
import type { TemporalStatus } from '../../shared/models';
import type { ScheduleInfo } from '../../shared/schedule-models';
import { AGENT_NAME, type AgentClients } from '../agent/agent-clients';
import { titleFrom } from '../chat/answer-requests';
import type { HistoryStore } from '../history/history-store';
import { whileTemporalUp } from '../temporal/temporal-guard';
import type { FiredRunImport } from './fired-run-import';

export type ScheduleChannel =
  | 'listSchedules'
  | 'createSchedule'
  | 'pauseSchedule'
  | 'resumeSchedule'
  | 'deleteSchedule';

/**
 * The Schedules panel: the agent's schedules on Temporal (next and last runs), made, paused, resumed and
 * deleted there. Listing also brings the runs they started into the history (`FiredRunImport`).
 */
export function scheduleHandlers(context: {
  readonly store: HistoryStore;
  readonly agents: AgentClients;
  readonly firedRuns: FiredRunImport;
  readonly conversationsChanged: () => void;
  readonly temporalStatus: () => TemporalStatus;
}): Pick<InvokeHandlers, ScheduleChannel> {
  const { store, agents, firedRuns } = context;
  const needsTemporal = <Request, Result>(handler: (request: Request) => Promise<Result>) =>
    whileTemporalUp(context.temporalStatus, handler);
  const schedules = async () => (await agents.current()).schedules();
  const known = async <T>(scheduleId: string, action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      if (error instanceof Error && error.name === 'ScheduleNotFoundError')
        throw new ApiError('not-found', `no schedule "${scheduleId}"`, { cause: error });
      throw error;
    }
  };
  return {
    listSchedules: () =>
      needsTemporal(async () => {
        void firedRuns.check().catch(() => undefined);
        return (await (await schedules()).list()).map(toScheduleInfo);
      })(undefined),
    createSchedule: needsTemporal(async ({ prompt, every, cron, conversationId }) => {
      if (conversationId !== undefined && !store.conversations.summary(conversationId))
        throw new ApiError('not-found', `no conversation "${conversationId}"`);
      const timing: ScheduleTiming = every !== undefined ? { every } : { cron: cron! };
      const conversation = conversationId ?? randomUUID();
      if (conversationId === undefined) {
        store.conversations.insert(conversation, titleFrom(prompt), new Date().toISOString());
        context.conversationsChanged();
      }
      try {
        const created = await (await schedules()).create(timing, {
          prompt,
          conversationId: conversation,
          id: `${AGENT_NAME}-${randomUUID().slice(0, 8)}`,
        });
        return toScheduleInfo(created);
      } catch (error) {
        if (error instanceof AgentError)
          throw new ApiError('invalid-request', error.message, { cause: error });
        throw error;
      }
    }),
    pauseSchedule: needsTemporal(({ scheduleId }) =>
      known(scheduleId, async () => (await schedules()).pause(scheduleId)),
    ),
    resumeSchedule: needsTemporal(({ scheduleId }) =>
      known(scheduleId, async () => (await schedules()).unpause(scheduleId)),
    ),
    deleteSchedule: needsTemporal(({ scheduleId }) =>
      known(scheduleId, async () => (await schedules()).delete(scheduleId)),
    ),
  };
}

function toScheduleInfo(schedule: AgentSchedule): ScheduleInfo {
  const { id, prompt, conversationId, timing, paused, nextRunAt, lastRunAt } = schedule;
  const info: ScheduleInfo = { id, prompt, conversationId, timing, paused };
  return {
    ...info,
    ...(nextRunAt ? { nextRunAt: nextRunAt.toISOString() } : {}),
    ...(lastRunAt ? { lastRunAt: lastRunAt.toISOString() } : {}),
  };
}
