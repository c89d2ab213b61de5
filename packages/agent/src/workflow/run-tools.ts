import { patched, proxyLocalActivities } from '@temporalio/workflow';
import type { AgentActivities, ListToolsOutput, PlannedToolCall, RunTool } from '../common/activity-types';
import { NON_RETRYABLE_FAILURES } from '../common/names';
import type { AgentRunInput } from '../common/types';

/** The `patched()` id of the tool list fixed at a run's start, for histories recorded before it. */
export const RUN_TOOLS_PATCH = 'tool-list-at-run-start';
/**
 * The `patched()` id of the tool list made by the run's first model call: no local activity before it
 * (at 50 runs starting together, ~100 ms of each first token went to that extra workflow activation).
 */
export const TOOLS_FROM_FIRST_CALL_PATCH = 'tool-list-from-first-model-call';

// Runs between the two patches listed their tools with a local activity in the workflow task that
// started the run; its result is a marker in their history.
const { listTools } = proxyLocalActivities<AgentActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    maximumAttempts: 5,
    nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES],
  },
});

/**
 * The tools a run may use, listed by the worker of its first model call (earlier runs: by the `listTools`
 * activity when they started) and so recorded in its history: every model round offers these, approvals
 * follow what they said then (an MCP tool's annotations), and a call of any other tool is refused without
 * reaching a worker.
 */
export class RunTools {
  private readonly byName: ReadonlyMap<string, RunTool>;

  private constructor(
    readonly list: readonly RunTool[],
    readonly agents: readonly string[],
  ) {
    this.byName = new Map(list.map((tool) => [tool.name, tool]));
  }

  /** The tools the run's first model call listed. */
  static of({ tools, agents }: ListToolsOutput): RunTools {
    return new RunTools(tools, agents ?? []);
  }

  /**
   * For a history from before the first model call listed the tools: lists them with the `listTools`
   * local activity, or undefined when the history is from before the list existed at all.
   */
  static async load(input: AgentRunInput): Promise<RunTools | undefined> {
    if (!patched(RUN_TOOLS_PATCH)) return undefined;
    return RunTools.of(await listTools({ agentName: input.agentName, tools: input.config.tools }));
  }

  requiresApproval(call: PlannedToolCall): boolean {
    const tool = this.byName.get(call.name);
    // A tool that decides per call: the worker decided when it planned the call.
    if (tool?.conditionalApproval) return call.requiresApproval;
    return tool?.requiresApproval ?? call.requiresApproval;
  }

  /** What Temporal's UI shows for the call's activity: `<server>.<tool>` for an MCP tool. */
  label(call: PlannedToolCall): string {
    return this.byName.get(call.name)?.label ?? call.name;
  }

  /** The tool message for a call of a tool this run does not have, or undefined when it has it. */
  refusal(call: PlannedToolCall): string | undefined {
    if (this.byName.has(call.name)) return undefined;
    const available = [...this.list.map((tool) => tool.name), ...this.agents].join(', ') || 'none';
    const kind = this.agents.length > 0 ? 'tool or sub-agent' : 'tool';
    return JSON.stringify({ error: `unknown ${kind} "${call.name}" (available: ${available})` });
  }
}
