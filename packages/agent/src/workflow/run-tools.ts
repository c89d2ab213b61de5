import { patched, proxyLocalActivities } from '@temporalio/workflow';
import type { AgentActivities, PlannedToolCall, RunTool } from '../activities/activity-types';
import { NON_RETRYABLE_FAILURES } from '../common/names';
import type { AgentRunInput } from '../common/types';

/** The `patched()` id of the tool list fixed at a run's start, for histories recorded before it. */
export const RUN_TOOLS_PATCH = 'tool-list-at-run-start';

// A local activity: it runs in the workflow task that starts the run (no extra round trip before the
// first model call) and its result is recorded in the history as a marker.
const { listTools } = proxyLocalActivities<AgentActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    maximumAttempts: 5,
    nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES],
  },
});

/**
 * The tools a run may use, listed by a worker when the run starts (the `listTools` activity) and so
 * recorded in its history: every model round offers these, approvals follow what they said then (an MCP
 * tool's annotations), and a call of any other tool is refused without reaching a worker.
 */
export class RunTools {
  private readonly byName: ReadonlyMap<string, RunTool>;

  private constructor(
    readonly list: readonly RunTool[],
    private readonly agents: readonly string[],
  ) {
    this.byName = new Map(list.map((tool) => [tool.name, tool]));
  }

  /** Lists the run's tools; undefined when replaying a history from before the list existed. */
  static async load(input: AgentRunInput): Promise<RunTools | undefined> {
    if (!patched(RUN_TOOLS_PATCH)) return undefined;
    const { tools, agents } = await listTools({ agentName: input.agentName, tools: input.config.tools });
    return new RunTools(tools, agents ?? []);
  }

  requiresApproval(call: PlannedToolCall): boolean {
    return this.byName.get(call.name)?.requiresApproval ?? call.requiresApproval;
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
