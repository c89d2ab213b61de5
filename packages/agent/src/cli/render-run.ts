import type { AgentRun } from '../client/agent-run';
import { formatDuration } from '../common/duration';
import { assertNever } from '../common/errors';
import { type AgentEvent, asControlEvent, type ControlEventOf, EventType } from '../common/events';
import type { AgentRunResult, ApprovalDecision } from '../common/types';
import type { StreamPrinter } from './stream-printer';

export type ApprovalRequest = ControlEventOf<'approval-request'>['value'];

export interface RenderRunOptions {
  readonly printer: StreamPrinter;
  /** Asks the person at the terminal; `undefined` when no answer can come (input closed). */
  readonly askApproval: (request: ApprovalRequest) => Promise<ApprovalDecision | undefined>;
}

/** How showing a run ended. `lost`: the event stream broke before the run's end (the run may go on). */
export type RunRendering =
  | { readonly kind: 'finished'; readonly result: AgentRunResult }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'lost'; readonly message: string };

interface ToolCallInProgress {
  readonly name: string;
  arguments: string;
}

/**
 * Shows a run's events as the seed's terminal does: streamed text, `[retry]` before a new attempt's
 * text, tool calls and results on their own lines, approvals asked, then `[complete]` and `[usage]`
 * or `[error]`. Waits for `run.result()`, which records the run in the conversation store.
 */
export async function renderRun(run: AgentRun, options: RenderRunOptions): Promise<RunRendering> {
  const { printer } = options;
  const attempts = new Map<string, number>();
  const toolCalls = new Map<string, ToolCallInProgress>();
  let terminal: AgentEvent | undefined;
  try {
    for await (const event of run.events()) {
      if (event.type === EventType.RUN_FINISHED || event.type === EventType.RUN_ERROR) {
        terminal = event;
        break;
      }
      await showEvent(event);
    }
  } catch (error) {
    const message = `lost the run's event stream: ${errorMessage(error)}`;
    printer.line(`[error] ${message}`);
    return { kind: 'lost', message };
  }

  if (terminal === undefined) {
    printer.line('[error] the run ended without a final event');
    return { kind: 'lost', message: 'the run ended without a final event' };
  }
  if (terminal.type === EventType.RUN_ERROR) {
    printer.line(`[error] ${terminal.message}`);
    await run.result().catch(() => undefined);
    return { kind: 'failed', message: terminal.message };
  }
  let result: AgentRunResult;
  try {
    result = await run.result();
  } catch (error) {
    const message = `the run finished but its result could not be read: ${errorMessage(error)}`;
    printer.line(`[error] ${message}`);
    return { kind: 'lost', message };
  }
  printer.line(
    result.status === 'cancelled' ? '[cancelled] the run was stopped; partial text kept' : '[complete]',
  );
  const { promptTokens, completionTokens, totalTokens } = result.usage;
  printer.line(`[usage] prompt=${promptTokens} completion=${completionTokens} total=${totalTokens}`);
  return { kind: 'finished', result };

  async function showEvent(event: AgentEvent): Promise<void> {
    switch (event.type) {
      case EventType.TEXT_MESSAGE_CONTENT:
        if ((event.attempt ?? 1) >= (attempts.get(event.messageId) ?? 1)) printer.write(event.delta);
        return;
      case EventType.TOOL_CALL_START:
        toolCalls.set(event.toolCallId, { name: event.toolCallName, arguments: '' });
        return;
      case EventType.TOOL_CALL_ARGS: {
        const call = toolCalls.get(event.toolCallId);
        if (call) call.arguments += event.delta;
        return;
      }
      case EventType.TOOL_CALL_END: {
        const call = toolCalls.get(event.toolCallId);
        if (call) printer.line(`[tool] ${call.name} ${call.arguments || '{}'}`);
        return;
      }
      case EventType.TOOL_CALL_RESULT:
        printer.line(`[tool result] ${event.content}`);
        return;
      case EventType.CUSTOM:
        return showControlEvent(event);
      default:
        return;
    }
  }

  async function showControlEvent(event: AgentEvent): Promise<void> {
    const control = asControlEvent(event);
    if (control === undefined) return;
    switch (control.name) {
      case 'attempt-reset':
        attempts.set(control.value.messageId, control.value.attempt);
        printer.line(`[retry] attempt ${control.value.attempt} — ${control.value.reason}`);
        return;
      case 'worker-wait':
        if (control.value.state === 'waiting') {
          printer.line(
            `[waiting] no worker on task queue "${control.value.taskQueue}" yet — waiting up to ${formatDuration(control.value.timeoutMs)}`,
          );
        }
        return;
      case 'approval-request':
        return askForApproval(control.value);
      case 'approval-resolved':
        if (control.value.decidedBy === 'timeout')
          printer.line('[approval] expired: the tool call was rejected');
        return;
      case 'usage':
        return;
      default:
        assertNever(control);
    }
  }

  async function askForApproval(request: ApprovalRequest): Promise<void> {
    const remainingMs = Math.max(0, Date.parse(request.expiresAt) - Date.now());
    printer.line(
      `[approval] ${request.toolName} ${request.arguments} needs your approval (expires in ${formatDuration(remainingMs)})`,
    );
    const decision = (await options.askApproval(request)) ?? {
      approved: false,
      reason: 'no answer: the terminal input was closed',
    };
    try {
      await run.approve(request.toolCallId, decision);
      printer.line(decision.approved ? '[approval] approved' : '[approval] rejected');
    } catch (error) {
      printer.line(`[approval] not recorded: ${errorMessage(error)}`);
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
