import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import type { z } from 'zod';
import { createActivities } from '../activities/create-activities';
import { AttachmentFolder } from '../attachments/attachment-folder';
import type { LiveTextServer } from '../live/live-text-server';
import { createScheduleActivities } from '../schedules/schedule-activities';
import type { Telemetry } from '../telemetry/telemetry';
import type { Tool } from '../tools/define-tool';
import type { AgentWorkerOptionsSchema } from './agent-worker-options';
import { workflowBundleOption } from './workflow-bundle';

/** An `AgentWorker`'s options once validated (defaults filled in). */
export type AgentWorkerConfig = z.output<typeof AgentWorkerOptionsSchema>;

/** What the SDK's `Worker.create` gets for an agent worker: its activities, limits and shutdown pace. */
export async function sdkWorkerOptions(
  config: AgentWorkerConfig,
  parts: {
    readonly connection: NativeConnection;
    readonly identity: string;
    readonly tools: Map<string, Tool>;
    readonly live: LiveTextServer | undefined;
    readonly telemetry: Telemetry | undefined;
  },
): Promise<WorkerOptions> {
  const { connection, identity, tools, live, telemetry } = parts;
  return {
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.taskQueue,
    identity,
    workflowBundle: await workflowBundleOption(telemetry !== undefined),
    ...(telemetry
      ? {
          interceptors: telemetry.workerInterceptors(
            (Array.isArray(config.model) ? config.model[0] : config.model)?.name,
          ),
          sinks: telemetry.workerSinks(),
        }
      : {}),
    activities: {
      ...createScheduleActivities(),
      ...createActivities({
        agentName: config.name,
        workerIdentity: identity,
        instructions: config.instructions,
        models: Array.isArray(config.model) ? config.model : [config.model],
        tools,
        agents: new Map(config.agents.map((agent) => [agent.name, agent])),
        modelIdleTimeoutMs: config.modelIdleTimeout,
        liveText: live,
        onActivity: config.onActivity,
        ...(config.attachmentFolder
          ? { attachmentFolder: new AttachmentFolder(config.attachmentFolder) }
          : {}),
      }),
    },
    maxConcurrentActivityTaskExecutions: config.maxConcurrentRuns * 2,
    // Two activity polls, not the SDK's ten: a worker that is frozen (SIGSTOP, a VM paused) keeps its
    // polls open and Temporal hands each of them a retry that never starts, one heartbeat timeout each;
    // with ten, a healthy worker beside it got none of a call's six attempts (bench/README.md, session 8).
    // Model calls mostly reach their worker eagerly, with the workflow task that schedules them.
    activityTaskPollerBehavior: { type: 'simple-maximum', maximum: 2 },
    // Runs that start together must not queue for workflow task slots (SDK default 40, and a run's
    // task holds one while it runs) nor for the 2 of 10 pollers the SDK gives new runs' first tasks:
    // with 50 runs at once, both were ~300 ms of the first token (bench/README.md).
    maxConcurrentWorkflowTaskExecutions: config.maxConcurrentRuns * 2,
    nonStickyToStickyPollRatio: 1,
    // In-flight attempts fail at once on shutdown (as retryable), so another worker takes over.
    shutdownGraceTime: '10 ms',
    // After a kill -9 the run's workflow tasks move to a live worker this soon (SDK default 10s).
    stickyQueueScheduleToStartTimeout: config.stickyQueueTimeout,
    // Heartbeats reach the server at least every second, so a Stop reaches the model call at once
    // and a lost attempt's progress is known to the next one.
    maxHeartbeatThrottleInterval: '1 second',
  };
}
