import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Config } from '../config';

export interface Tracing {
  resource: Resource;
  spanProcessor: SpanProcessor;
  shutdown(): Promise<void>;
}

let installed: Tracing | null | undefined;

/**
 * OpenTelemetry, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: then spans go over OTLP/HTTP to
 * `<endpoint>/v1/traces` (the exporter reads the standard OTEL_* variables itself), context lives
 * in AsyncLocalStorage and travels in W3C `traceparent` headers, and Temporal's interceptors carry
 * it through workflow starts, updates, workflows and activities. One provider per process.
 */
export function startTracing(config: Config, serviceName: string): Tracing | null {
  if (installed !== undefined) return installed;
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return (installed = null);
  const resource = new Resource({ 'service.name': process.env.OTEL_SERVICE_NAME ?? serviceName });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 1000 });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  installed = { resource, spanProcessor, shutdown: () => provider.shutdown() };
  return installed;
}
