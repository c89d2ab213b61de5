import {
  ApplicationFailure,
  ChildWorkflowFailure,
  type ChildWorkflowHandle,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { PlannedToolCall } from '../common/activity-types';
import { messageOf } from '../common/error-message';
import {
  buildControlEvent as controlEvent,
  type PublishedEvent,
  stepEventBuilders as stepEvents,
} from '../common/event-builders';
import {
  AGENT_RUN_WORKFLOW,
  MAX_DELEGATION_DEPTH,
  SUB_AGENT_STEP_PREFIX,
  subAgentRunId,
  subAgentWorkflowId,
} from '../common/names';
import { emptyRunResult } from '../common/run-usage';
import {
  type AgentRunInput,
  type AgentRunOutput,
  type AgentRunResult,
  addUsage,
  type SubAgentRunSummary,
  type SubAgentSpec,
} from '../common/types';
import { cancelRunSignal } from './definitions';

/** The `patched()` id of delegation to sub-agents (child workflows), for histories recorded before it. */
export const SUB_AGENTS_PATCH = 'sub-agents-as-child-workflows';

type AgentRunWorkflow = (input: AgentRunInput) => Promise<AgentRunOutput>;

/**
 * A run's delegations: each call of a sub-agent is a child workflow `<parent-workflow-id>/<name>/<n>`
 * running `agentRun` with the sub-agent's instructions and tools, on the same task queue. The parent's
 * stream frames it with `sub-agent-started`/`sub-agent-finished` (and AG-UI STEP_STARTED/STEP_FINISHED);
 * the child's own stream has its tokens, attempts and usage. The parent waits for the child's result, so
 * a worker lost during the child's model call retries that call only.
 */
export class SubAgentRuns {
  readonly summaries: SubAgentRunSummary[];
  /** Delegations per sub-agent so far: the next one's workflow id is `<parent>/<name>/<count + 1>`. */
  readonly counts: Map<string, number>;
  private readonly running = new Map<string, ChildWorkflowHandle<AgentRunWorkflow>>();
  private stopped = false;

  constructor(
    private readonly parent: AgentRunInput,
    private readonly publish: (event: PublishedEvent) => void,
  ) {
    const carried = parent.continued?.subAgents;
    this.summaries = [...(carried?.summaries ?? [])];
    this.counts = new Map(carried?.counts ?? []);
  }

  /** Runs the sub-agent a tool call asked for; returns the tool message its parent's model reads. */
  async run(call: PlannedToolCall, agent: SubAgentSpec): Promise<string> {
    const depth = (this.parent.depth ?? 0) + 1;
    if (depth > MAX_DELEGATION_DEPTH) {
      return toolError(
        `delegation deeper than ${MAX_DELEGATION_DEPTH} levels is refused: "${this.parent.agentName}" is at level ${depth - 1} and cannot delegate to "${agent.name}"`,
      );
    }
    const task = readTask(call.arguments);
    if (task === undefined)
      return toolError(`the arguments of ${agent.name} must be JSON with a non-empty "task" string`);

    const n = (this.counts.get(agent.name) ?? 0) + 1;
    this.counts.set(agent.name, n);
    const workflowId = subAgentWorkflowId(workflowInfo().workflowId, agent.name, n);
    const ids = {
      agentName: agent.name,
      toolCallId: call.id,
      workflowId,
      runId: subAgentRunId(this.parent.runId, agent.name, n),
    };
    const context = { runId: this.parent.runId, threadId: this.parent.threadId };
    const stepName = `${SUB_AGENT_STEP_PREFIX}${agent.name}`;
    const step = { toolCallId: call.id, childRunId: ids.runId, childWorkflowId: workflowId };
    this.publish(stepEvents.started(context, stepName, step));
    this.publish(controlEvent(context, 'sub-agent-started', ids));

    // The parent's output schema is for the parent's answer: a sub-agent answers its task in words.
    const { output: _parentOutput, ...parentConfig } = this.parent.config;
    const input: AgentRunInput = {
      agentName: agent.name,
      threadId: this.parent.threadId,
      runId: ids.runId,
      messages: [{ role: 'user', content: task }],
      config: { ...parentConfig, instructions: agent.instructions, tools: agent.tools },
      depth,
    };
    const result = await this.execute(workflowId, input);
    const { status, text, usage, attempts, rounds } = result;
    const summary: SubAgentRunSummary = { ...ids, status, text, usage, attempts, rounds };
    this.summaries.push(summary);
    this.publish(controlEvent(context, 'sub-agent-finished', summary));
    this.publish(stepEvents.finished(context, stepName, step));
    if (status === 'failed')
      return toolError(`the sub-agent ${agent.name} failed: ${result.error?.message ?? 'no reason given'}`);
    if (status === 'cancelled') return `The sub-agent ${agent.name} was stopped. Its partial answer: ${text}`;
    return text;
  }

  /** A Stop of the parent stops every running child (each closes as cancelled, keeping its partial text). */
  stopAll(): void {
    this.stopped = true;
    for (const handle of this.running.values()) void handle.signal(cancelRunSignal).catch(() => undefined);
  }

  private async execute(workflowId: string, input: AgentRunInput): Promise<AgentRunResult> {
    try {
      const handle = await startChild<AgentRunWorkflow>(AGENT_RUN_WORKFLOW, {
        workflowId,
        args: [input],
        // The parent's short workflow task timeout (see the Agent's `workflowTaskTimeout`): a child's task in
        // flight on a worker killed -9 would otherwise hold its next attempt's events for 10 s.
        workflowTaskTimeout: workflowInfo().taskTimeoutMs,
      });
      this.running.set(workflowId, handle);
      if (this.stopped) void handle.signal(cancelRunSignal).catch(() => undefined);
      return (await handle.result()).result;
    } catch (caught) {
      return failedResult(caught);
    } finally {
      this.running.delete(workflowId);
    }
  }
}

/** The run's result with its sub-agents' runs, their usage added to the run's own. */
export function withSubAgents(
  result: AgentRunResult,
  summaries: readonly SubAgentRunSummary[],
): AgentRunResult {
  if (summaries.length === 0) return result;
  const usage = summaries.reduce((sum, each) => addUsage(sum, each.usage), result.usage);
  // A child's tokens count as what they bought for the parent's answer.
  const answer = summaries.reduce((sum, each) => addUsage(sum, each.usage), result.usageBreakdown.answer);
  return {
    ...result,
    usage,
    usageBreakdown: { ...result.usageBreakdown, answer },
    subAgents: [...summaries],
  };
}

/** A child that failed still reports what it did: `agentRun` puts its output in the failure's details. */
function failedResult(caught: unknown): AgentRunResult {
  const cause = caught instanceof ChildWorkflowFailure ? caught.cause : caught;
  const details = cause instanceof ApplicationFailure ? cause.details?.[0] : undefined;
  const output = details as AgentRunOutput | undefined;
  if (output?.result) return output.result;
  return emptyRunResult('failed', { code: 'sub-agent-failed', message: messageOf(cause) });
}

function readTask(json: string): string | undefined {
  try {
    const task = (JSON.parse(json) as { task?: unknown }).task;
    return typeof task === 'string' && task.trim() !== '' ? task : undefined;
  } catch {
    return undefined;
  }
}

function toolError(message: string): string {
  return JSON.stringify({ error: message });
}
