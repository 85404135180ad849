import type { Span } from '@opentelemetry/api';
import { appendSpans, ledgerTracer, type RecordedEvent } from '#event-store';
import type { ProjectionSlot } from './projection-slot.js';

/**
 * The span of one batch the live read models apply, or undefined with tracing off. A trace of
 * its own (the batch serves many commands, and follows the log, not a request), linked to the
 * append span of every command whose events it holds — found in memory by event id
 * (append-spans.ts), never in the events themselves.
 */
export function projectionBatchSpan(batch: readonly RecordedEvent[], slots: readonly ProjectionSlot[]): Span | undefined {
  const tracer = ledgerTracer();
  if (tracer === undefined) return undefined;
  return tracer.startSpan('projections apply', {
    root: true,
    links: appendSpans.take(batch),
    attributes: {
      'ledger.projection.events': batch.length,
      'ledger.projection.first_position': batch[0]!.position,
      'ledger.projection.last_position': batch[batch.length - 1]!.position,
      'ledger.projection.names': slots.map((slot) => slot.name),
    },
  });
}
