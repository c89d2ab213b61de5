import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { telemetrySettings } from '../../src/telemetry/telemetry-settings';

const BUILT = path.join(__dirname, '..', '..', 'dist');

describe('telemetrySettings', () => {
  it('is off unless an OTLP endpoint is set, and off again with OTEL_SDK_DISABLED', () => {
    expect(telemetrySettings({})).toBeUndefined();
    expect(
      telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
    expect(telemetrySettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://x:4318/v1/traces' })).toEqual({
      protocol: 'http/protobuf',
      captureContent: false,
    });
  });

  it('takes http/json and the GenAI content opt-in, and refuses grpc in words', () => {
    expect(
      telemetrySettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true',
      }),
    ).toEqual({ protocol: 'http/json', captureContent: true });
    expect(() =>
      telemetrySettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(
      'OTEL_EXPORTER_OTLP_PROTOCOL="grpc" is not supported: use http/protobuf (the default) or http/json',
    );
  });

  it('loads no OpenTelemetry module when no endpoint is set (the built library, worker and client)', () => {
    const script = `
      require(${JSON.stringify(path.join(BUILT, 'index.js'))});
      require(${JSON.stringify(path.join(BUILT, 'telemetry', 'telemetry.js'))}).loadTelemetry().then((telemetry) => {
        const loaded = Object.keys(require.cache).filter((file) => file.includes('opentelemetry'));
        console.log(JSON.stringify({ telemetry: telemetry === undefined ? 'none' : 'started', loaded }));
      });`;
    const environment = { ...process.env };
    delete environment.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete environment.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    const output = execFileSync(process.execPath, ['-e', script], { env: environment }).toString();
    expect(JSON.parse(output)).toEqual({ telemetry: 'none', loaded: [] });
  }, 60_000);
});
