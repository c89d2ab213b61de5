import type { CreateScheduleRequest, ScheduleInfo } from '../../../shared/schedule-models';
import { api } from '../api';
import type { SliceCreator } from './app-state';

export type ScheduleVerb = 'pauseSchedule' | 'resumeSchedule' | 'deleteSchedule';

const verbLabels: Record<ScheduleVerb, string> = {
  pauseSchedule: 'Pausing the schedule',
  resumeSchedule: 'Resuming the schedule',
  deleteSchedule: 'Deleting the schedule',
};

/** The Schedules panel: the agent's schedules on Temporal, with their next and last runs. */
export interface SchedulesSlice {
  readonly schedules: readonly ScheduleInfo[];
  loadSchedules(): Promise<void>;
  /** Resolves true once created (the host validates; an error becomes a notice). */
  createSchedule(request: CreateScheduleRequest): Promise<boolean>;
  scheduleAction(verb: ScheduleVerb, scheduleId: string): Promise<void>;
}

export const createSchedulesSlice: SliceCreator<SchedulesSlice> = (set, get) => ({
  schedules: [],

  async loadSchedules() {
    await get().attempt('Loading the schedules', async () => set({ schedules: await api().listSchedules() }));
  },

  async createSchedule(request) {
    const created = await get().attempt('Creating the schedule', async () => {
      await api().createSchedule(request);
    });
    if (created) await get().loadSchedules();
    return created;
  },

  async scheduleAction(verb, scheduleId) {
    if (await get().attempt(verbLabels[verb], () => api()[verb]({ scheduleId }))) await get().loadSchedules();
  },
});
