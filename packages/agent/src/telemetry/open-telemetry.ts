import { trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import { GenAiActivityInterceptor } from './gen-ai-activity-interceptor';
import type { Telemetry } from './telemetry';
import type { TelemetrySettings } from './telemetry-settings';

/**
 * Registers a tracer provider exporting in batches with the official OTLP exporter (endpoint, headers and
 * batch delays from the standard OTEL_* variables) and the W3C trace context propagator Temporal's
 * interceptors use.
 */
export async function startOpenTelemetry(settings: TelemetrySettings): Promise<Telemetry> {
  const resource = new Resource({ 'service.name': process.env.OTEL_SERVICE_NAME || 'durable-agent' });
  const processor = new BatchSpanProcessor(await otlpExporter(settings.protocol));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [processor] });
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  const tracer = trace.getTracer('durable-agent');
  return {
    settings,
    workerInterceptors: (defaultModel) => ({
      // Signals an activity sends (the run's event batches) carry its context, so they join the run's trace.
      client: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
      activity: [
        (context) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(context),
          outbound: new OpenTelemetryActivityOutboundInterceptor(context),
        }),
        (context) => ({
          inbound: new GenAiActivityInterceptor(context, tracer, settings.captureContent, defaultModel),
        }),
      ],
    }),
    workerSinks: () => ({ exporter: makeWorkflowExporter(processor, resource) }),
    clientInterceptors: () => [new OpenTelemetryWorkflowClientInterceptor()],
    flush: () => provider.forceFlush(),
  };
}

async function otlpExporter(protocol: TelemetrySettings['protocol']): Promise<SpanExporter> {
  if (protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter();
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter();
}
