import { type Attributes, type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import type {
  CallToolInput,
  CallToolOutput,
  InvokeModelStreamingInput,
  InvokeModelStreamingOutput,
} from '../common/activity-types';
import { GenAi, RunAttributes } from './gen-ai-attributes';

/**
 * A GenAI span around each model attempt (`chat <model>`) and each tool call (`execute_tool <tool>`), as a
 * child of Temporal's `RunActivity` span. Made in the activity, so a retry is a span of its own and replay
 * never makes one again; an attempt lost with its worker (kill -9) ends with that process, never exported.
 */
export class GenAiActivityInterceptor implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly activity: Context,
    private readonly tracer: Tracer,
    private readonly captureContent: boolean,
    /** The worker's first model: the one a run that names none calls. */
    private readonly defaultModel: string | undefined,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>) {
    const { activityType } = this.activity.info;
    if (activityType === 'invokeModelStreaming')
      return this.chat(input.args[0] as InvokeModelStreamingInput, () => next(input));
    if (activityType === 'callTool')
      return this.executeTool(input.args[0] as CallToolInput, () => next(input));
    return next(input);
  }

  private chat(input: InvokeModelStreamingInput, run: () => Promise<unknown>) {
    const model = input.model ?? input.config.model ?? this.defaultModel;
    const attributes: Attributes = {
      ...this.runAttributes(input),
      [GenAi.operationName]: 'chat',
      [GenAi.agentName]: input.agentName,
      [RunAttributes.attempt]: (input.handedOverAttempts?.count ?? 0) + this.activity.info.attempt,
      [RunAttributes.round]: input.round,
      ...(model === undefined ? {} : { [GenAi.requestModel]: model }),
    };
    if (this.captureContent) {
      attributes[GenAi.inputMessages] = JSON.stringify(input.messages);
      if (input.config.instructions) attributes[GenAi.systemInstructions] = input.config.instructions;
    }
    return this.inSpan(
      `chat${model ? ` ${model}` : ''}`,
      SpanKind.CLIENT,
      attributes,
      run,
      (span, output) => {
        const answer = output as InvokeModelStreamingOutput;
        span.setAttributes({
          [GenAi.inputTokens]: answer.usage.promptTokens,
          [GenAi.outputTokens]: answer.usage.completionTokens,
          ...(answer.model ? { [GenAi.responseModel]: answer.model } : {}),
        });
        if (answer.handedOver) failed(span, 'handed-over', 'the worker shut down during the model call');
        if (this.captureContent)
          span.setAttribute(GenAi.outputMessages, JSON.stringify([outputMessage(answer)]));
      },
    );
  }

  private executeTool(input: CallToolInput, run: () => Promise<unknown>) {
    const { toolCall } = input;
    const attributes: Attributes = {
      ...this.runAttributes(input),
      [GenAi.operationName]: 'execute_tool',
      [GenAi.toolName]: toolCall.name,
      [GenAi.toolCallId]: toolCall.id,
      [RunAttributes.attempt]: this.activity.info.attempt,
    };
    if (this.captureContent) attributes[GenAi.toolCallArguments] = toolCall.arguments;
    return this.inSpan(
      `execute_tool ${toolCall.name}`,
      SpanKind.INTERNAL,
      attributes,
      run,
      (span, output) => {
        const result = output as CallToolOutput;
        if (result.isError) failed(span, 'tool-error', 'the tool answered with an error');
        if (this.captureContent) span.setAttribute(GenAi.toolCallResult, result.content);
      },
    );
  }

  private runAttributes(input: { threadId: string; runId: string }): Attributes {
    return {
      [GenAi.conversationId]: input.threadId,
      [RunAttributes.runId]: input.runId,
      [RunAttributes.workflowId]: this.activity.info.workflowExecution?.workflowId ?? '',
    };
  }

  private inSpan(
    name: string,
    kind: SpanKind,
    attributes: Attributes,
    run: () => Promise<unknown>,
    onResult: (span: Span, output: unknown) => void,
  ): Promise<unknown> {
    return this.tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
      try {
        const output = await run();
        try {
          onResult(span, output);
        } catch {
          // An output of an unexpected shape: the span goes without its result attributes.
        }
        return output;
      } catch (error) {
        span.recordException(error as Error);
        failed(span, (error as { type?: string }).type ?? (error as Error).name ?? 'error', String(error));
        throw error;
      } finally {
        span.end();
      }
    });
  }
}

function failed(span: Span, type: string, message: string): void {
  span.setAttribute(GenAi.errorType, type);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** The answer as the GenAI convention's output message: its text and the tool calls it asks for. */
function outputMessage(answer: InvokeModelStreamingOutput) {
  return {
    role: 'assistant',
    parts: [
      ...(answer.text ? [{ type: 'text', content: answer.text }] : []),
      ...answer.toolCalls.map((call) => ({
        type: 'tool_call',
        id: call.id,
        name: call.name,
        arguments: call.arguments,
      })),
    ],
  };
}
