import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
// The official exporter's own protobuf definitions: what it sends is decoded by what it encodes with.
import * as generated from '@opentelemetry/otlp-transformer/build/src/generated/root';

interface MessageType {
  decode(body: Uint8Array): unknown;
  toObject(message: unknown, options: { longs: NumberConstructor; bytes: StringConstructor }): Decoded;
}
const { ExportTraceServiceRequest } = (
  generated as unknown as {
    opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: MessageType } } } } };
  }
).opentelemetry.proto.collector.trace.v1;

/** One span as received, ids in hex, attributes as plain values. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly serviceName: string;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  readonly status: { readonly code: number; readonly message?: string };
}

/** An OTLP/HTTP trace receiver (`POST /v1/traces`, protobuf or JSON) that keeps every span it is sent. */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly contentTypes = new Set<string>();

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<OtlpReceiver> {
    const receiver: OtlpReceiver = new OtlpReceiver(
      http.createServer((request, response) => receiver.receive(request, response)),
    );
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** The base URL for OTEL_EXPORTER_OTLP_ENDPOINT. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  named(prefix: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.name.startsWith(prefix));
  }

  async waitFor(found: (spans: readonly ReceivedSpan[]) => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!found(this.spans)) {
      if (Date.now() > deadline)
        throw new Error(`spans not received in time; got: ${this.spans.map((span) => span.name).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      let body = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const type = String(request.headers['content-type']);
      this.contentTypes.add(type);
      const json = type.includes('json');
      const message = json
        ? JSON.parse(body.toString())
        : ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), {
            longs: Number,
            bytes: String,
          });
      this.spans.push(...toSpans(message, json));
      response.writeHead(200, { 'content-type': type }).end(json ? '{}' : undefined);
    });
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a decoded OTLP message, read field by field below
type Decoded = Record<string, any>;

function toSpans(request: Decoded, json: boolean): ReceivedSpan[] {
  // JSON carries ids in hex already; protobuf bytes decode to base64 here.
  const id = (value: string | undefined) =>
    !value ? '' : json ? value : Buffer.from(value, 'base64').toString('hex');
  return (request.resourceSpans ?? []).flatMap((resource: Decoded) => {
    const serviceName = String(attributesOf(resource.resource?.attributes)['service.name']);
    return (resource.scopeSpans ?? []).flatMap((scope: Decoded) =>
      (scope.spans ?? []).map(
        (span: Decoded): ReceivedSpan => ({
          traceId: id(span.traceId),
          spanId: id(span.spanId),
          parentSpanId: id(span.parentSpanId),
          name: span.name,
          serviceName,
          attributes: attributesOf(span.attributes),
          status: { code: span.status?.code ?? 0, message: span.status?.message },
        }),
      ),
    );
  });
}

function attributesOf(list: Decoded[] | undefined): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {};
  for (const { key, value } of list ?? []) {
    attributes[key] = value.stringValue ?? value.boolValue ?? Number(value.intValue ?? value.doubleValue);
  }
  return attributes;
}
