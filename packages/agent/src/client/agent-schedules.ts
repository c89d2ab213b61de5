import {
  type Client,
  type ScheduleDescription,
  ScheduleNotFoundError,
  type ScheduleSpec,
} from '@temporalio/client';
import { AgentError } from '../common/errors';
import { SCHEDULED_RUN_WORKFLOW, toWorkflowId } from '../common/names';
import { firingIdPrefixOf, type ScheduledRunInput, scheduledRunIdOf } from '../common/scheduled-runs';
import type { AgentRunInput } from '../common/types';
import { type ConversationRun, listConversationRuns } from './conversation-runs';
import { describeSchedule } from './describe-schedule';

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
  /** The agent whose runs it starts (their ids begin `<agentName>/<conversationId>/`). */
  readonly agentName: string;
  readonly prompt: string;
  readonly conversationId: string;
  readonly timing: ScheduleTiming;
  readonly paused: boolean;
  readonly nextRunAt?: Date;
  readonly lastRunAt?: Date;
  /** The id of its last run (`<agent>/<conversationId>/scheduled-<time>-<id>`; read it with `agent.attach`). */
  readonly lastRunWorkflowId?: string;
}

/** What the schedules of an agent need from it. */
export interface ScheduleContext {
  readonly client: Client;
  readonly agentName: string;
  readonly taskQueue: string;
  readonly runTimeoutMs: number;
  readonly workflowTaskTimeoutMs?: number;
  /** The input of a run of the prompt alone (the conversation is read when it fires). */
  readonly runInput: (prompt: string, conversationId: string | undefined) => Promise<AgentRunInput>;
  /** Follows the run to its end, storing what it added in the agent's conversation store (once). */
  readonly settle: (id: string) => Promise<unknown>;
}

/** A firing waits for its run this much longer than the run's own timeout. */
const FIRING_GRACE_MS = 60_000;

/**
 * Runs of an agent on Temporal Schedules. Each firing is a `scheduledRun` workflow that reads the conversation
 * as it is then (from its runs on Temporal) and runs the prompt in it as an `agentRun`, run id
 * `scheduled-<firing time>-<id>`; callers find those runs with `firedRuns` and store them with `storeFiredRuns`.
 */
export class AgentSchedules {
  constructor(private readonly context: ScheduleContext) {}

  private get client(): Client {
    return this.context.client;
  }

  /** Creates the schedule (id `<agent>-<conversationId>` unless given); its first run comes at its next firing. */
  async create(timing: ScheduleTiming, options: CreateScheduleOptions): Promise<AgentSchedule> {
    const { runTimeoutMs, workflowTaskTimeoutMs } = this.context;
    const run = await this.context.runInput(options.prompt, options.conversationId);
    const id = options.id ?? `${run.agentName}-${run.threadId}`;
    const firingIdPrefix = firingIdPrefixOf(id);
    const input: ScheduledRunInput = {
      run,
      firingIdPrefix,
      runTimeoutMs,
      ...(workflowTaskTimeoutMs === undefined ? {} : { workflowTaskTimeoutMs }),
    };
    const handle = await this.client.schedule.create({
      scheduleId: id,
      spec: toSpec(timing),
      action: {
        type: 'startWorkflow',
        workflowType: SCHEDULED_RUN_WORKFLOW,
        taskQueue: this.context.taskQueue,
        // Temporal adds the firing time to this id, so every firing (and its run) has its own id.
        workflowId: firingIdPrefix,
        args: [input],
        workflowExecutionTimeout: runTimeoutMs + FIRING_GRACE_MS,
      },
      // Temporal describes a cron as calendars: the timing as given is kept beside the prompt.
      memo: { prompt: options.prompt, agentName: run.agentName, conversationId: run.threadId, timing },
    });
    return toSchedule(id, await describeSchedule(handle), this.context.agentName);
  }

  /**
   * This agent's schedules (those starting runs on its task queue), with their next and last runs. One
   * deleted meanwhile (listed, then gone when described) is left out.
   */
  async list(): Promise<AgentSchedule[]> {
    const schedules: AgentSchedule[] = [];
    for await (const summary of this.client.schedule.list()) {
      const description = await describeSchedule(this.client.schedule.getHandle(summary.scheduleId)).catch(
        (error: unknown) => {
          if (error instanceof ScheduleNotFoundError) return undefined;
          throw error;
        },
      );
      if (
        description?.action.type === 'startWorkflow' &&
        description.action.taskQueue === this.context.taskQueue
      )
        schedules.push(toSchedule(summary.scheduleId, description, this.context.agentName));
    }
    return schedules;
  }

  /**
   * The runs schedules started in a conversation, oldest first (those Temporal still keeps): this agent's, or
   * those of the agent named (a schedule's `agentName`, made by another program on the same task queue).
   */
  firedRuns(conversationId: string, agentName = this.context.agentName): Promise<ConversationRun[]> {
    return listConversationRuns(this.client, agentName, conversationId, { scheduledOnly: true });
  }

  /**
   * Stores the finished runs its schedules started in a conversation in the agent's conversation store, once
   * each (the store keys them by run), oldest first; `stored` names the runs the caller's store already has
   * (they are not read again). Resolves with the runs it stored now.
   */
  async storeFiredRuns(
    conversationId: string,
    stored: (runId: string) => boolean = () => false,
  ): Promise<ConversationRun[]> {
    const fired = await this.firedRuns(conversationId);
    // Stop at the first run still going, so the store keeps the order in which the runs happened.
    const finished = fired.slice(
      0,
      indexOrEnd(
        fired.findIndex((run) => run.running),
        fired.length,
      ),
    );
    const added = finished.filter((run) => !stored(run.runId));
    for (const run of added) await this.context.settle(run.id);
    return added;
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

function indexOrEnd(index: number, length: number): number {
  return index === -1 ? length : index;
}

function toSpec(timing: ScheduleTiming): ScheduleSpec {
  if ('every' in timing) return { intervals: [{ every: timing.every as `${number}s` }] };
  if ('cron' in timing) return { cronExpressions: [timing.cron] };
  throw new AgentError('invalid-input', 'a schedule needs `every` or `cron`');
}

function toSchedule(id: string, description: ScheduleDescription, ownAgent: string): AgentSchedule {
  const memo = (description.memo ?? {}) as {
    prompt?: string;
    agentName?: string;
    conversationId?: string;
    timing?: ScheduleTiming;
  };
  const last = description.info.recentActions.at(-1);
  return {
    id,
    agentName: memo.agentName ?? ownAgent,
    prompt: memo.prompt ?? '',
    conversationId: memo.conversationId ?? '',
    timing: memo.timing ?? { every: `${description.spec.intervals?.[0]?.every ?? 0}ms` },
    paused: description.state.paused,
    ...(description.info.nextActionTimes[0] ? { nextRunAt: description.info.nextActionTimes[0] } : {}),
    ...(last ? { lastRunAt: last.takenAt, lastRunWorkflowId: runIdOf(last.action.workflow) } : {}),
  };

  /** The run a firing started (a firing of an older schedule started the run itself). */
  function runIdOf(firing: { workflowId: string; firstExecutionRunId: string }): string {
    const runId = scheduledRunIdOf(
      { workflowId: firing.workflowId, runId: firing.firstExecutionRunId },
      firingIdPrefixOf(id),
    );
    if (!runId || !memo.agentName || !memo.conversationId) return firing.workflowId;
    return toWorkflowId({ agentName: memo.agentName, conversationId: memo.conversationId, runId });
  }
}
