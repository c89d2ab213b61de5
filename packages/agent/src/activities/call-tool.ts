import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { CallToolInput, CallToolOutput } from '../common/activity-types';
import type { ActivityDependencies } from './dependencies';
import { startHeartbeat } from './heartbeat';

/** What the model reads when a tool returns nothing (`undefined`, or a value JSON cannot express). */
export const NOTHING_RETURNED = '(the tool returned nothing)';

/**
 * Largest tool result, in bytes (UTF-8), that goes to the model. A result is stored in the run's history
 * and sent again with every later model call; Temporal refuses a payload over 2 MB, which would end the
 * whole run ("Complete result exceeds size limit"). A larger one reaches the model as a tool error.
 */
export const MAX_TOOL_RESULT_BYTES = 512 * 1024;

/**
 * Builds the activity that runs one tool call. Tool errors — a tool that throws, an unknown tool, arguments
 * that are not JSON or not valid — become tool results the model reads (`{"error": …}`), not failures:
 * the model can explain or try again, and the run goes on.
 */
export function createCallTool(dependencies: ActivityDependencies) {
  return async function callTool(input: CallToolInput): Promise<CallToolOutput> {
    const activity = Context.current();
    const heartbeat = startHeartbeat(activity, () => undefined, 10_000);
    const { toolCall } = input;
    try {
      const tool = dependencies.tools.get(toolCall.name);
      if (!tool) {
        const agents = [...(dependencies.agents?.keys() ?? [])];
        const available = [...dependencies.tools.keys(), ...agents].join(', ') || 'none';
        const kind = agents.length > 0 ? 'tool or sub-agent' : 'tool';
        return error(`unknown ${kind} "${toolCall.name}" (available: ${available})`);
      }
      let args: unknown;
      try {
        args = toolCall.arguments.trim() === '' ? {} : JSON.parse(toolCall.arguments);
      } catch {
        return error(`the arguments of ${toolCall.name} are not valid JSON: ${excerpt(toolCall.arguments)}`);
      }
      const parsed = tool.parameters.safeParse(args);
      if (!parsed.success) {
        const issues = parsed.error.issues.map(
          (issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`,
        );
        return error(`invalid arguments for ${toolCall.name}: ${issues.join('; ')}`);
      }
      const value = await tool.execute(parsed.data, {
        signal: activity.cancellationSignal,
        heartbeat: heartbeat.beat,
        runId: input.runId,
        threadId: input.threadId,
      });
      return withinLimit(toolCall.name, toolResult(toolCall.name, value));
    } catch (caught) {
      if (caught instanceof CancelledFailure || activity.cancellationSignal.aborted) throw caught;
      // A tool that asks Temporal for another attempt (an MCP server that died during the call) gets it.
      if (caught instanceof ApplicationFailure) throw caught;
      return error(describeThrown(toolCall.name, caught));
    } finally {
      heartbeat.stop();
    }
  };
}

function error(message: string): CallToolOutput {
  return { content: JSON.stringify({ error: message }), isError: true };
}

/** The tool message of a returned value: strings as they are, anything else as JSON. */
function toolResult(toolName: string, value: unknown): CallToolOutput {
  if (typeof value === 'string') return { content: value, isError: false };
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (caught) {
    return error(
      `the result of ${toolName} cannot be sent to the model as JSON: ${describeThrown(toolName, caught)}`,
    );
  }
  // undefined, functions and symbols have no JSON: the model must still get a message for its call.
  return { content: json ?? NOTHING_RETURNED, isError: false };
}

/** The result, or a tool error saying it is too large (the model can ask for less). */
function withinLimit(toolName: string, output: CallToolOutput): CallToolOutput {
  const bytes = Buffer.byteLength(output.content, 'utf8');
  if (bytes <= MAX_TOOL_RESULT_BYTES) return output;
  return error(
    `the result of ${toolName} is ${megabytes(bytes)} MB, more than the ${megabytes(MAX_TOOL_RESULT_BYTES)} MB a tool result may be (a run's history keeps every result, and Temporal refuses payloads over 2 MB): ask for less`,
  );
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function describeThrown(toolName: string, caught: unknown): string {
  if (caught instanceof Error) return caught.message || `${toolName} threw ${caught.name} without a message`;
  return caught === undefined || caught === null ? `${toolName} failed without saying why` : String(caught);
}

/** At most 200 characters of `text`, so a long malformed input does not flood the conversation. */
function excerpt(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 200)}… (${text.length} characters)`;
}
