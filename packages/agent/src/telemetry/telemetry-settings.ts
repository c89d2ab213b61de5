import { AgentError } from '../common/errors';

/** How traces are exported, read from the standard OpenTelemetry variables (no OpenTelemetry code loads here). */
export interface TelemetrySettings {
  /** `http/protobuf` (OTLP's default) or `http/json`. */
  readonly protocol: 'http/protobuf' | 'http/json';
  /** Prompt and completion text on spans: only when the user opts in (the GenAI convention's variable). */
  readonly captureContent: boolean;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The settings when traces are wanted — `OTEL_EXPORTER_OTLP_ENDPOINT` (or its `_TRACES_` form) is set and
 * `OTEL_SDK_DISABLED` is not `true` — else undefined, and nothing of OpenTelemetry is loaded.
 */
export function telemetrySettings(environment: Environment = process.env): TelemetrySettings | undefined {
  const endpoint = environment.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || environment.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || environment.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const protocol = (
    environment.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ||
    environment.OTEL_EXPORTER_OTLP_PROTOCOL ||
    'http/protobuf'
  ).trim();
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw new AgentError(
      'invalid-options',
      `OTEL_EXPORTER_OTLP_PROTOCOL="${protocol}" is not supported: use http/protobuf (the default) or http/json`,
    );
  }
  return {
    protocol,
    captureContent:
      environment.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT?.trim().toLowerCase() === 'true',
  };
}
