import type { Client, ScheduleDescription, ScheduleSpec } from '@temporalio/client';
import { AgentError } from '../common/errors';
import { AGENT_RUN_WORKFLOW, toWorkflowId } from '../common/names';
import type { AgentRunInput } from '../common/types';

/** When a schedule fires: every interval (`'1h'`, `'5s'`) or on a cron expression (`'0 8 * * *'`). */
export type ScheduleTiming = { readonly every: string } | { readonly cron: string };

/** What a schedule's runs ask, and in which conversation. */
export interface CreateScheduleOptions {
  readonly prompt: string;
  /** The conversation its runs belong to (default: a new one). */
  readonly conversationId?: string;
  /** The schedule's id (default: `<agent>-<conversationId>`). */
  readonly id?: string;
}

/** A schedule as listed: what it asks, when, whether paused, and its next and last runs. */
export interface AgentSchedule {
  readonly id: string;
  readonly prompt: string;
  readonly conversationId: string;
  readonly timing: ScheduleTiming;
  readonly paused: boolean;
  readonly nextRunAt?: Date;
  readonly lastRunAt?: Date;
  /** The workflow id of its last run (read it with `agent.attach`). */
  readonly lastRunWorkflowId?: string;
}

/** Runs of an agent on Temporal Schedules: each firing starts an `agentRun` workflow with the prompt. */
export class AgentSchedules {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly workflowOptions: {
      workflowExecutionTimeout: number;
      workflowTaskTimeout?: number;
    },
    private readonly runInput: (prompt: string, conversationId: string | undefined) => Promise<AgentRunInput>,
  ) {}

  /** Creates the schedule (id `<agent>-<conversationId>` unless given); its first run comes at its next firing. */
  async create(timing: ScheduleTiming, options: CreateScheduleOptions): Promise<AgentSchedule> {
    const input = await this.runInput(options.prompt, options.conversationId);
    const id = options.id ?? `${input.agentName}-${input.threadId}`;
    const handle = await this.client.schedule.create({
      scheduleId: id,
      spec: toSpec(timing),
      action: {
        type: 'startWorkflow',
        workflowType: AGENT_RUN_WORKFLOW,
        taskQueue: this.taskQueue,
        // Temporal adds the firing time to this id, so every run has its own workflow.
        workflowId: toWorkflowId({
          agentName: input.agentName,
          conversationId: input.threadId,
          runId: input.runId,
        }),
        args: [input],
        ...this.workflowOptions,
      },
      // Temporal describes a cron as calendars: the timing as given is kept beside the prompt.
      memo: { prompt: options.prompt, conversationId: input.threadId, timing },
    });
    return toSchedule(id, await handle.describe());
  }

  /** This agent's schedules (those starting runs on its task queue), with their next and last runs. */
  async list(): Promise<AgentSchedule[]> {
    const schedules: AgentSchedule[] = [];
    for await (const summary of this.client.schedule.list()) {
      const description = await this.client.schedule.getHandle(summary.scheduleId).describe();
      if (description.action.type === 'startWorkflow' && description.action.taskQueue === this.taskQueue)
        schedules.push(toSchedule(summary.scheduleId, description));
    }
    return schedules;
  }

  /** No more firings until `unpause`. */
  async pause(id: string): Promise<void> {
    await this.client.schedule.getHandle(id).pause('paused by durable-agent');
  }

  /** Fires again on its timing. */
  async unpause(id: string): Promise<void> {
    await this.client.schedule.getHandle(id).unpause('unpaused by durable-agent');
  }

  /** Fires it now, once, whatever its timing. */
  async trigger(id: string): Promise<void> {
    await this.client.schedule.getHandle(id).trigger();
  }

  /** Removes it; runs it started go on. */
  async delete(id: string): Promise<void> {
    await this.client.schedule.getHandle(id).delete();
  }
}

function toSpec(timing: ScheduleTiming): ScheduleSpec {
  if ('every' in timing) return { intervals: [{ every: timing.every as `${number}s` }] };
  if ('cron' in timing) return { cronExpressions: [timing.cron] };
  throw new AgentError('invalid-input', 'a schedule needs `every` or `cron`');
}

function toSchedule(id: string, description: ScheduleDescription): AgentSchedule {
  const memo = (description.memo ?? {}) as {
    prompt?: string;
    conversationId?: string;
    timing?: ScheduleTiming;
  };
  const last = description.info.recentActions.at(-1);
  return {
    id,
    prompt: memo.prompt ?? '',
    conversationId: memo.conversationId ?? '',
    timing: memo.timing ?? { every: `${description.spec.intervals?.[0]?.every ?? 0}ms` },
    paused: description.state.paused,
    ...(description.info.nextActionTimes[0] ? { nextRunAt: description.info.nextActionTimes[0] } : {}),
    ...(last ? { lastRunAt: last.takenAt, lastRunWorkflowId: last.action.workflow.workflowId } : {}),
  };
}
