import type { CreateTaskResult } from '@modelcontextprotocol/sdk/experimental/tasks/types.js';
import {
  type CallToolRequest,
  type CallToolResult,
  ErrorCode,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import type { Agent } from '../client/agent';
import type { AgentRun } from '../client/agent-run';
import { messageOf } from '../common/error-message';
import { applyRunEvent } from '../runs/apply-run-event';
import { EMPTY_RUN_VIEW } from '../runs/run-view';
import { AskArgumentsSchema, askToolName } from './ask-tool';
import type { AskApproval } from './elicit-approval';
import { approvalWaiting, runAnswer } from './run-answer';
import type { RunTaskStore } from './run-task-store';

/** What a call runs with: the abort signal of its request, and how to ask a person for approvals (if the client can). */
export interface AskCallContext {
  readonly signal: AbortSignal;
  readonly askApproval: AskApproval | undefined;
}

/**
 * `tools/call` of `ask_<agent>`: starts a run. With a task, answers at once with the task (the run); a
 * plain call waits for the run and answers with its answer. When the run stops to wait for a person's
 * approval, a client that supports elicitation is asked; any other gets text saying so (the run waits on).
 */
export async function callAskTool(
  agent: Agent,
  tasks: RunTaskStore,
  request: CallToolRequest,
  context: AskCallContext,
): Promise<CallToolResult | CreateTaskResult> {
  const { name, arguments: given, task } = request.params;
  if (name !== askToolName(agent.name)) {
    throw new McpError(
      ErrorCode.InvalidParams,
      `Tool ${name} not found: this server has ${askToolName(agent.name)}`,
    );
  }
  const parsed = AskArgumentsSchema.safeParse(given ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`,
    );
    // A tool's input errors are results the model can read and correct (MCP 2025-11-25), not protocol errors.
    return {
      content: [{ type: 'text', text: `Invalid arguments for tool ${name}: ${problems.join('; ')}` }],
      isError: true,
    };
  }
  const { prompt, conversation } = parsed.data;
  let run: AgentRun;
  try {
    run = await agent.stream(prompt, conversation === undefined ? {} : { conversationId: conversation });
  } catch (error) {
    return { content: [{ type: 'text', text: messageOf(error) }], isError: true };
  }
  // The conversation gets the run's messages when it ends, whoever asks for the answer (once: by run id).
  void agent.settle(run).catch(() => undefined);
  if (task !== undefined) {
    const created = await tasks.getTask(run.id);
    if (created === null) throw new McpError(ErrorCode.InternalError, `the run ${run.id} was not found`);
    return { task: created };
  }
  return waitForAnswer(agent, run, context);
}

/** Folds the run's events until it ends (its answer), asking about each approval it waits for on the way. */
async function waitForAnswer(
  agent: Agent,
  run: AgentRun,
  { signal, askApproval }: AskCallContext,
): Promise<CallToolResult> {
  let view = EMPTY_RUN_VIEW;
  const asked = new Set<string>();
  for await (const event of run.events({ live: false, signal })) {
    view = applyRunEvent(view, event);
    const approval = view.approvals.find((pending) => !asked.has(pending.toolCallId));
    if (approval === undefined) continue;
    if (askApproval === undefined)
      return { content: [{ type: 'text', text: approvalWaiting(run, view.approvals) }] };
    asked.add(approval.toolCallId);
    await run.approve(approval.toolCallId, await askApproval(approval));
  }
  return runAnswer(run, (await agent.settle(run)).result);
}
