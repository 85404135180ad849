import type { DisposalMark, EventStore, JsonObject, RecordedEvent } from '../event-store.port.js';

export type { DisposalMark };

/**
 * Disposal removes the payload of events past retention and keeps everything the proofs
 * stand on: the event's id, stream, revision, type, commit time and hash, and so its place
 * in the chain and its leaf in the log tree. Each disposal is itself an event of this stream,
 * naming every event it emptied with the hash it had; it is never disposed of, since it is
 * what lets verification accept an event whose hash it can no longer recompute.
 */
export const DISPOSAL_STREAM = 'admin-disposals';
export const EVENTS_DISPOSED = 'EventsDisposed.v1';

/** An event a disposal emptied, as the disposal event records it. */
export interface DisposedEventRef {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
  type: string;
  recordedAt: string;
  hash: string;
}

/** The data of an `EventsDisposed.v1` event: what the caller says (why, under which schedule), then what the store emptied. */
export interface EventsDisposedData extends JsonObject {
  events: DisposedEventRef[];
}

/** The disposal a verifier finds recorded for an event: the event as it was emptied, and the disposal event that names it. */
export interface RecordedDisposal {
  event: DisposedEventRef;
  disposalEventId: string;
}

/** Looks up the recorded disposal of an event by its id. */
export type DisposalLookup = (eventId: string) => RecordedDisposal | undefined;

/** Every event the recorded disposals name, from their events (read before the pass that checks them). */
export class DisposalRegistry {
  private readonly byEventId = new Map<string, RecordedDisposal>();

  static async load(store: EventStore): Promise<DisposalRegistry> {
    const registry = new DisposalRegistry();
    for (const event of await store.readStream(DISPOSAL_STREAM)) registry.learn(event);
    return registry;
  }

  /** Takes in one disposal event (others are ignored). A malformed one names nothing, and its own hash check decides. */
  learn(event: Pick<RecordedEvent, 'streamId' | 'type' | 'eventId' | 'data'>): void {
    if (event.streamId !== DISPOSAL_STREAM || event.type !== EVENTS_DISPOSED) return;
    const events = (event.data as Partial<EventsDisposedData>).events;
    if (!Array.isArray(events)) return;
    for (const ref of events) {
      if (ref && typeof ref.eventId === 'string') this.byEventId.set(ref.eventId, { event: ref, disposalEventId: event.eventId });
    }
  }

  get size(): number {
    return this.byEventId.size;
  }

  readonly lookup: DisposalLookup = (eventId) => this.byEventId.get(eventId);
}
