import { type Link, type SpanContext, type Tracer } from '@opentelemetry/api';
import { inSpan } from './ledger-tracing.js';

/** Events whose append span is remembered at most (older ones are forgotten first). */
const CAPACITY = 10_000;

/**
 * Which append span wrote an event, by event id, until the live projections apply it: their
 * batch span links to the command's trace through it. Held in this process's memory only —
 * a trace id never enters an event's data or metadata, which the hash chain covers (and on
 * KurrentDB another replica's projections simply see no link). Bounded: an event no
 * projection of this process applies (a failed append, a follower elsewhere) is dropped
 * once CAPACITY newer ones were written.
 */
export class AppendSpans {
  private readonly byEvent = new Map<string, SpanContext>();

  constructor(private readonly capacity = CAPACITY) {}

  note(eventIds: readonly string[], span: SpanContext): void {
    for (const id of eventIds) this.byEvent.set(id, span);
    for (const oldest of this.byEvent.keys()) {
      if (this.byEvent.size <= this.capacity) break;
      this.byEvent.delete(oldest);
    }
  }

  forget(eventIds: readonly string[]): void {
    for (const id of eventIds) this.byEvent.delete(id);
  }

  /** One link per append span that wrote any of these events; each event's entry is taken. */
  take(events: Iterable<{ eventId: string }>): Link[] {
    const links: Link[] = [];
    for (const { eventId } of events) {
      const context = this.byEvent.get(eventId);
      if (context === undefined) continue;
      this.byEvent.delete(eventId);
      if (!links.some((link) => link.context.spanId === context.spanId)) links.push({ context });
    }
    return links;
  }

  get size(): number {
    return this.byEvent.size;
  }
}

/** The one registry of this process: the store's wrapper notes, the live projections take. */
export const appendSpans = new AppendSpans();

/**
 * A write to the log as a span: one stream (`append`) or several at once (`append many`),
 * the events it carries. The adapter adds what only it knows (a SQLite group commit's size).
 */
export function traceAppend<R>(tracer: Tracer, streamIds: readonly string[], eventIds: readonly string[], write: () => Promise<R>): Promise<R> {
  const attributes =
    streamIds.length === 1
      ? { 'ledger.stream': streamIds[0]!, 'ledger.append.events': eventIds.length }
      : { 'ledger.streams': streamIds.length, 'ledger.append.events': eventIds.length };
  return inSpan(tracer, streamIds.length === 1 ? 'append' : 'append many', { attributes }, async (span) => {
    // Noted before the write: the projections may apply the events before this continues.
    // A span the sampler dropped is not linked to: it is nowhere to be found.
    if (span.isRecording()) appendSpans.note(eventIds, span.spanContext());
    try {
      return await write();
    } catch (error) {
      appendSpans.forget(eventIds);
      throw error;
    }
  });
}
