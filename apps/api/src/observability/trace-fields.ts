import { isSpanContextValid, trace, type Span } from '@opentelemetry/api';

export interface TraceFields {
  traceId?: string;
  spanId?: string;
}

/** What a line gets when no span is active: one shared object, so logging without tracing allocates nothing for it. */
const NONE: TraceFields = Object.freeze({});

/** `traceId` and `spanId` of a span, so a log line and its trace can be joined. */
export function traceFieldsOf(span: Span | undefined): TraceFields {
  if (span === undefined) return NONE;
  const { traceId, spanId } = span.spanContext();
  return isSpanContextValid(span.spanContext()) ? { traceId, spanId } : NONE;
}

/** The pino mixin: the active span's ids on every line written inside it. */
export const activeTraceFields = (): TraceFields => traceFieldsOf(trace.getActiveSpan());

/** pino merges the mixin's object into the line's: never into the shared empty one. */
export const mergeTraceFields = (line: object, fields: object): object => (fields === NONE ? line : Object.assign(fields, line));
