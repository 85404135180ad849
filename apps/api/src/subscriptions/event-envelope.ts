import { dealIdFromStreamName, fromStoredEvent, type DealEventEnvelope, type Delivery } from '#domain';
import type { RecordedEvent } from '#event-store';
import { toCursor } from '#contract';

/**
 * A recorded event as subscribers receive it: in the current shape of its type (an
 * event stored under a superseded version is read through its upcaster, and says so in
 * `storedType`), with its position as an opaque cursor.
 */
export function toEventEnvelope(recorded: RecordedEvent, delivery?: Delivery): DealEventEnvelope {
  const event = fromStoredEvent(recorded.type, recorded.data);
  return {
    position: toCursor(recorded.position),
    eventId: recorded.eventId,
    streamId: recorded.streamId,
    dealId: dealIdFromStreamName(recorded.streamId) ?? recorded.streamId,
    revision: recorded.revision,
    // A type this build does not know (written by a newer ledger) goes out as stored.
    type: (event?.type ?? recorded.type) as DealEventEnvelope['type'],
    ...(event && event.type !== recorded.type ? { storedType: recorded.type } : {}),
    data: (event?.data ?? recorded.data) as DealEventEnvelope['data'],
    recordedAt: recorded.recordedAt,
    metadata: recorded.metadata,
    ...(recorded.hash ? { hash: recorded.hash } : {}),
    ...(delivery ? { delivery } : {}),
  } as DealEventEnvelope;
}
