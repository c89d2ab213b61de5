import { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import type { CallToolInput, CallToolOutput } from './activity-types';
import type { ActivityDependencies } from './dependencies';
import { startHeartbeat } from './heartbeat';

/** Builds the activity that runs one tool call. Tool errors become tool results for the model, not failures. */
export function createCallTool(dependencies: ActivityDependencies) {
  return async function callTool(input: CallToolInput): Promise<CallToolOutput> {
    const activity = Context.current();
    const heartbeat = startHeartbeat(activity, () => undefined, 10_000);
    const { toolCall } = input;
    try {
      const tool = dependencies.tools.get(toolCall.name);
      if (!tool) {
        const available = [...dependencies.tools.keys()].join(', ') || 'none';
        return error(`unknown tool "${toolCall.name}" (available: ${available})`);
      }
      let args: unknown;
      try {
        args = toolCall.arguments.trim() === '' ? {} : JSON.parse(toolCall.arguments);
      } catch {
        return error(`the arguments of ${toolCall.name} are not valid JSON: ${toolCall.arguments}`);
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
      return { content: typeof value === 'string' ? value : JSON.stringify(value), isError: false };
    } catch (caught) {
      if (caught instanceof CancelledFailure || activity.cancellationSignal.aborted) throw caught;
      return error(caught instanceof Error ? caught.message : String(caught));
    } finally {
      heartbeat.stop();
    }
  };
}

function error(message: string): CallToolOutput {
  return { content: JSON.stringify({ error: message }), isError: true };
}
