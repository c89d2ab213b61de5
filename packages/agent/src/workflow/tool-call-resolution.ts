import { patched, proxyActivities } from '@temporalio/workflow';
import type { AgentActivities, PlannedToolCall } from '../activities/activity-types';
import { buildControlEvent as controlEvent } from '../common/event-builders';
import type { ActiveRun } from './active-run';
import type { ApprovalOutcome } from './approval-desk';
import { needsApproval } from './approval-policy';
import { surfaceApproval } from './approval-relay';
import { SUB_AGENTS_PATCH } from './sub-agent-runs';

/** Runs a tool call, after asking for approval when the policy says so; returns the tool message text. */
export async function resolveToolCall(run: ActiveRun, call: PlannedToolCall): Promise<string> {
  const { budget, meter, config, context } = run;
  if (run.stopRequested) return 'The tool call was skipped: the run was stopped';
  const work = call.agent ? 'sub-agent-run' : 'tool-call';
  if (budget.reached(work) && !(await budget.allows(work)))
    return `The tool call was skipped: ${budget.exhausted?.message ?? 'the run was stopped'}`;
  if (call.agent && patched(SUB_AGENTS_PATCH)) {
    const content = await run.subAgents.run(call, call.agent);
    const child = run.subAgents.summaries.find((summary) => summary.toolCallId === call.id);
    meter?.recordSubAgentRun(child?.usage, config.model);
    budget.report();
    return content;
  }
  const refusal = run.runTools?.refusal(call);
  if (refusal !== undefined) return refusal;
  const requiresApproval = run.runTools?.requiresApproval(call) ?? call.requiresApproval;
  if (
    !run.alwaysAllowed.has(call.name) &&
    needsApproval(config.approvalPolicy, call.name, requiresApproval)
  ) {
    const outcome = await askApproval(run, call);
    const rejection = recordDecision(run, call, outcome);
    if (rejection !== undefined) return rejection;
  }
  // Temporal's UI shows the call as its tool (`<server>.<tool>` for an MCP tool), not only `callTool`.
  const { callTool } = proxyActivities<AgentActivities>({
    ...run.toolActivity,
    summary: run.runTools?.label(call),
  });
  const result = await run.stopScope.run(() => callTool({ ...context, toolCall: call }));
  meter?.recordToolCall();
  budget.report();
  return result.content;
}

/**
 * Asks a person and returns their decision. Not `async`, and the decision is recorded by the caller after
 * its `await`: the tool call that follows must be scheduled in the same step as the events before it.
 */
function askApproval(run: ActiveRun, call: PlannedToolCall): Promise<ApprovalOutcome> {
  const { config, approvals, context } = run;
  const request = approvals.open(call, config.approvalTimeoutMs, call.approvalReason);
  run.events.publish(controlEvent(context, 'approval-request', request));
  surfaceApproval(run.input, request);
  return approvals.decision(call.id, config.approvalTimeoutMs);
}

/** Publishes the decision; returns the tool message of a rejection, and remembers an "always allow". */
function recordDecision(run: ActiveRun, call: PlannedToolCall, outcome: ApprovalOutcome): string | undefined {
  const { alwaysAllowed } = run;
  run.events.publish(controlEvent(run.context, 'approval-resolved', { toolCallId: call.id, ...outcome }));
  if (!outcome.approved) return `The tool call was rejected: ${outcome.reason ?? 'no reason given'}`;
  if (outcome.alwaysAllow && !alwaysAllowed.has(call.name)) {
    alwaysAllowed.add(call.name);
    run.newlyAllowed.push(call.name);
  }
  return undefined;
}
