import type { CreateTaskResult } from '@modelcontextprotocol/sdk/experimental/tasks/types.js';
import {
  type CallToolRequest,
  type CallToolResult,
  ErrorCode,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import type { Agent } from '../client/agent';
import type { AgentRun } from '../client/agent-run';
import { applyRunEvent } from '../runs/apply-run-event';
import { EMPTY_RUN_VIEW } from '../runs/run-view';
import { AskArgumentsSchema, askToolName } from './ask-tool';
import { approvalWaiting, runAnswer } from './run-answer';
import type { RunTaskStore } from './run-task-store';

/**
 * `tools/call` of `ask_<agent>`: starts a run. With a task, answers at once with the task (the run); a
 * plain call waits for the run and answers with its answer — or, when the run stops to wait for a person's
 * approval, with text saying so (the run goes on waiting).
 */
export async function callAskTool(
  agent: Agent,
  tasks: RunTaskStore,
  request: CallToolRequest,
  signal: AbortSignal,
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
  void run.result().catch(() => undefined);
  if (task !== undefined) {
    const created = await tasks.getTask(run.id);
    if (created === null) throw new McpError(ErrorCode.InternalError, `the run ${run.id} was not found`);
    return { task: created };
  }
  return waitForAnswer(run, signal);
}

/** Folds the run's events until it ends (its answer) or waits for an approval (words saying so). */
async function waitForAnswer(run: AgentRun, signal: AbortSignal): Promise<CallToolResult> {
  let view = EMPTY_RUN_VIEW;
  for await (const event of run.events({ live: false, signal })) {
    view = applyRunEvent(view, event);
    if (view.approvals.length > 0)
      return { content: [{ type: 'text', text: approvalWaiting(run, view.approvals) }] };
  }
  return runAnswer(run, await run.result());
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
