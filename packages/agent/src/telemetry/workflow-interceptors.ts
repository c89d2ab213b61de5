// Workflow code (bundled into the traced workflow bundle only): deterministic, no Node built-ins.
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type {
  Next,
  WorkflowExecuteInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import { workflowInfo } from '@temporalio/workflow';
import type { AgentRunInput, AgentRunOutput } from '../common/types';
import { GenAi, RunAttributes } from './gen-ai-attributes';

/**
 * The run as an `invoke_agent <agent>` span, inside Temporal's `RunWorkflow:agentRun` span and around its
 * activities' spans (a sub-agent's run is a child workflow, so its span nests under the parent's). Workflow
 * spans leave the isolate through Temporal's exporter sink, which is not called during replay.
 */
class InvokeAgentInterceptor implements WorkflowInboundCallsInterceptor {
  async execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
    const { workflowType, workflowId } = workflowInfo();
    const run = input.args[0] as AgentRunInput | undefined;
    if (workflowType !== 'agentRun' || !run) return next(input);
    const model = run.config.models?.[0] ?? run.config.model;
    const tracer = trace.getTracer('durable-agent');
    const attributes = {
      [GenAi.operationName]: 'invoke_agent',
      [GenAi.agentName]: run.agentName,
      [GenAi.conversationId]: run.threadId,
      [RunAttributes.runId]: run.runId,
      [RunAttributes.workflowId]: workflowId,
      ...(model === undefined ? {} : { [GenAi.requestModel]: model }),
    };
    return tracer.startActiveSpan(
      `invoke_agent ${run.agentName}`,
      { kind: SpanKind.INTERNAL, attributes },
      async (span) => {
        try {
          const output = await next(input);
          // Read defensively: tracing must never fail the workflow task.
          const result = (output as Partial<AgentRunOutput> | undefined)?.result;
          if (result?.usage) {
            span.setAttributes({
              [GenAi.inputTokens]: result.usage.promptTokens,
              [GenAi.outputTokens]: result.usage.completionTokens,
            });
          }
          if (result?.status === 'failed') {
            span.setAttribute(GenAi.errorType, result.error?.code ?? 'run-failed');
            span.setStatus({ code: SpanStatusCode.ERROR, message: result.error?.message });
          }
          return output;
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }
}

/** Temporal's OpenTelemetry workflow interceptors, then the run's GenAI span inside theirs. */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new OpenTelemetryInboundInterceptor(), new InvokeAgentInterceptor()],
  outbound: [new OpenTelemetryOutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
