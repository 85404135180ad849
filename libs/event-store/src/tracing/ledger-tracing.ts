import { SpanStatusCode, trace, ProxyTracerProvider, type Attributes, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';

/** The name every layer of the ledger traces under. */
export const TRACER_NAME = 'deal-ledger';

/** What the API's provider hands out while no SDK is registered (a singleton): tracing is off. */
const NO_SDK = new ProxyTracerProvider().getDelegate();

/**
 * The ledger's tracer, or undefined while no OpenTelemetry SDK is registered (`ledger serve`
 * registers one only when the OTEL_* variables ask for it). Callers test it before they build
 * a span's name or attributes: with tracing off a hot path allocates nothing for it.
 */
export function ledgerTracer(): Tracer | undefined {
  const provider = trace.getTracerProvider() as Partial<ProxyTracerProvider>;
  const delegate = provider.getDelegate?.();
  if (delegate === NO_SDK) return undefined;
  // Kept per registered provider: getTracer builds a key and looks it up on every call.
  if (cached === undefined || cached.delegate !== delegate || delegate === undefined) cached = { delegate, tracer: trace.getTracer(TRACER_NAME) };
  return cached.tracer;
}

let cached: { delegate: unknown; tracer: Tracer } | undefined;

/**
 * Runs `work` inside a new active span (a child of the active one), ended when it settles.
 * A failure is marked on the span by `failed` (by default as an error: markFailed), then rethrown.
 */
export async function inSpan<R>(
  tracer: Tracer,
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<R>,
  failed: (span: Span, error: unknown) => void = markFailed,
): Promise<R> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A span whose work failed: the error's name as `error.type`, its message as the status. */
export function markFailed(span: Span, error: unknown, attributes?: Attributes): void {
  span.setAttributes({ 'error.type': error instanceof Error ? error.name : 'unknown', ...attributes });
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}
