import { ApplicationFailure } from '@temporalio/common';
import type { AttachmentFolder } from '../attachments/attachment-folder';
import { FailureType } from '../common/names';
import type { LiveTextServer } from '../live/live-text-server';
import type { ModelProvider } from '../llm/model-provider';
import type { AgentTool } from '../tools/define-agent-tool';
import type { Tool } from '../tools/define-tool';

/** What a worker gives its activities: the model(s), the tools and its own instructions. */
export interface ActivityDependencies {
  readonly agentName: string;
  readonly instructions?: string;
  readonly models: readonly ModelProvider[];
  readonly tools: ReadonlyMap<string, Tool>;
  /** Agents the model may delegate to (child workflows), by tool name. */
  readonly agents?: ReadonlyMap<string, AgentTool>;
  /** A model stream silent this long is abandoned and retried. */
  readonly modelIdleTimeoutMs: number;
  /** Where followers read each attempt's text live (absent: they read it from the log only). */
  readonly liveText?: Pick<LiveTextServer, 'open' | 'reserve' | 'claim'>;
  /** Where the files attached to messages are read from (absent: runs with attachments fail in words). */
  readonly attachmentFolder?: AttachmentFolder;
  /** The worker's identity with Temporal: each attempt's TEXT_MESSAGE_START names it (`worker`). */
  readonly workerIdentity?: string;
  /** Told when this worker starts and ends each activity: model calls, tool calls (the desktop app shows them). */
  readonly onActivity?: (event: ActivityEvent) => void;
}

export interface ActivityEvent {
  readonly phase: 'started' | 'completed' | 'failed';
  /** A model call, a tool call (an MCP tool's too), a summary of earlier turns, or the legacy listing of a run's tools. */
  readonly activity: 'invokeModelStreaming' | 'callTool' | 'compactMessages' | 'listTools';
  readonly workflowId: string;
  /** Temporal's run id of the workflow execution (not the agent's `runId`). */
  readonly workflowRunId?: string;
  /** Temporal's id of the activity in its workflow: with `workflowId`, what fails it by id (`failLostActivities`). */
  readonly activityId: string;
  readonly runId: string;
  /** The model call's attempt (counting on across hand-overs); a tool call's own Temporal attempt. */
  readonly attempt: number;
  readonly error?: string;
}

/** The worker's model of that name, else its first endpoint that serves any model by name (`anyModel`). */
export function resolveModel(dependencies: ActivityDependencies, name: string | undefined): ModelProvider {
  const model =
    name === undefined
      ? dependencies.models[0]
      : (dependencies.models.find((entry) => entry.name === name) ??
        dependencies.models.find((entry) => entry.withModel)?.withModel?.(name));
  if (!model) {
    const available = dependencies.models.map((entry) => entry.name).join(', ') || 'none';
    throw ApplicationFailure.nonRetryable(
      `the worker of agent "${dependencies.agentName}" has no model "${name}" (it has: ${available})`,
      FailureType.unknownModel,
    );
  }
  return model;
}

export function resolveTools(
  dependencies: ActivityDependencies,
  names: readonly string[] | undefined,
): Tool[] {
  if (names === undefined) return [...dependencies.tools.values()];
  const missing = names.filter((name) => !dependencies.tools.has(name));
  if (missing.length > 0) {
    const available = [...dependencies.tools.keys()].join(', ') || 'none';
    throw ApplicationFailure.nonRetryable(
      `the worker of agent "${dependencies.agentName}" has no tool ${missing.map((name) => `"${name}"`).join(', ')} (it has: ${available})`,
      FailureType.unknownTool,
    );
  }
  return names.map((name) => dependencies.tools.get(name)!);
}
