import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import { type TelemetrySettings, telemetrySettings } from './telemetry-settings';

/** Traces of this process's runs, exported over OTLP: what the worker and the client add to Temporal's options. */
export interface Telemetry {
  readonly settings: TelemetrySettings;
  /** Temporal's activity interceptors, then the GenAI spans of model attempts and tool calls (`defaultModel`: the worker's first). */
  workerInterceptors(defaultModel: string | undefined): Pick<WorkerInterceptors, 'activity' | 'client'>;
  /** Where workflow spans leave the isolate (not called during replay). */
  workerSinks(): InjectedSinks<OpenTelemetrySinks>;
  /** Starting a run opens its trace and hands the context to the workflow in headers. */
  clientInterceptors(): WorkflowClientInterceptor[];
  /** Exports what is buffered (a worker's or client's close). */
  flush(): Promise<void>;
}

let started: Promise<Telemetry> | undefined;

/**
 * The process's telemetry when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, started once; undefined otherwise,
 * and then no OpenTelemetry module is ever loaded.
 */
export function loadTelemetry(): Promise<Telemetry | undefined> {
  const settings = telemetrySettings();
  if (!settings) return Promise.resolve(undefined);
  started ??= import('./open-telemetry.js').then(({ startOpenTelemetry }) => startOpenTelemetry(settings));
  return started;
}

/** Exports the spans buffered so far, if telemetry was started (a client's close; a CLI about to exit). */
export async function flushTelemetry(): Promise<void> {
  await (await started)?.flush().catch(() => undefined);
}
