import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export const DEFAULT_SERVICE_NAME = 'deal-ledger';

/** Tracing as OpenTelemetry's own environment variables ask for it (OTel SDK configuration spec). */
export interface TracingSettings {
  /** OTEL_SERVICE_NAME (default `deal-ledger`). */
  serviceName: string;
  /** Where spans go: the OTLP/HTTP endpoint of OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, as the exporter reads it. */
  exporter: 'otlp';
}

/**
 * Tracing is on when OTEL_TRACES_EXPORTER=otlp, or when it is unset and an OTLP endpoint is
 * (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); off when
 * OTEL_SDK_DISABLED=true, OTEL_TRACES_EXPORTER=none, or nothing is set. Unlike the SDK's
 * default (otlp to localhost:4318), nothing is sent unless asked: most ledgers have no collector.
 * What the ledger cannot honour is refused at start, never ignored.
 */
export function tracingSettingsOf(env: NodeJS.ProcessEnv): TracingSettings | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const endpoint = [env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, env.OTEL_EXPORTER_OTLP_ENDPOINT].some((url) => url !== undefined && url.trim() !== '');
  if (exporters.length === 0 ? !endpoint : exporters.includes('none')) return undefined;
  const unsupported = exporters.filter((name) => name !== 'otlp');
  if (unsupported.length > 0) throw new Error(`OTEL_TRACES_EXPORTER: the ledger sends traces over OTLP only (otlp or none), not ${unsupported.join(', ')}`);
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL)?.trim();
  if (protocol && protocol !== 'http/json') {
    throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL: the ledger sends traces as OTLP over HTTP in JSON (http/json), not ${protocol}; unset it or set http/json`);
  }
  return { serviceName: env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME, exporter: 'otlp' };
}

export interface Tracing {
  /** Sends the spans still buffered, then turns tracing off (the API is a no-op again). */
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK for this process: the ledger's spans (HTTP → command →
 * append → projection) go to the exporter, in batches (OTEL_BSP_* apply), W3C `traceparent`
 * is read from requests (the only propagator: OTEL_PROPAGATORS is not read), the sampler is
 * OTEL_TRACES_SAMPLER's (default: every trace, or the caller's decision). `exporter`: tests
 * hand in an in-memory one, whose spans are then exported as each ends.
 */
export function startTracing(settings: Pick<TracingSettings, 'serviceName'>, exporter?: SpanExporter): Tracing {
  const resource = detectResources({ detectors: [envDetector] }).merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }));
  const processor = exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return {
    async shutdown() {
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        propagation.disable();
        context.disable();
      }
    },
  };
}
