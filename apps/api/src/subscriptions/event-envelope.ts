import { dealIdFromStreamName, fromStoredEvent, fromStoredPartyEvent, isRecordsStream, partyIdFromStreamName, type Delivery, type LedgerEventEnvelope } from '#domain';
import type { RecordedEvent } from '#event-store';
import { toCursor } from '#contract';

/**
 * A recorded event as subscribers receive it: in the current shape of its type (an
 * event stored under a superseded version is read through its upcaster, and says so in
 * `storedType`), with its position as an opaque cursor, and the deal or party it is about (a
 * records event is about neither: its `streamId` alone says which records).
 */
export function toEventEnvelope(recorded: RecordedEvent, delivery?: Delivery): LedgerEventEnvelope {
  // An event emptied by a disposal has no payload to decode: it goes out as stored, with its disposal.
  const event = recorded.disposal ? undefined : (fromStoredEvent(recorded.type, recorded.data) ?? fromStoredPartyEvent(recorded.type, recorded.data));
  return {
    position: toCursor(recorded.position),
    eventId: recorded.eventId,
    streamId: recorded.streamId,
    ...subjectOf(recorded.streamId),
    revision: recorded.revision,
    // A type this build does not know (written by a newer ledger) goes out as stored.
    type: (event?.type ?? recorded.type) as LedgerEventEnvelope['type'],
    ...(event && event.type !== recorded.type ? { storedType: recorded.type } : {}),
    data: (event?.data ?? recorded.data) as LedgerEventEnvelope['data'],
    recordedAt: recorded.recordedAt,
    metadata: recorded.metadata,
    ...(recorded.hash ? { hash: recorded.hash } : {}),
    ...(recorded.disposal ? { disposal: recorded.disposal } : {}),
    ...(delivery ? { delivery } : {}),
  } as LedgerEventEnvelope;
}

function subjectOf(streamId: string): { dealId: string } | { partyId: string } | Record<string, never> {
  const partyId = partyIdFromStreamName(streamId);
  if (partyId !== undefined) return { partyId };
  return isRecordsStream(streamId) ? {} : { dealId: dealIdFromStreamName(streamId) ?? streamId };
}
