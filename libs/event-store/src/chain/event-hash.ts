import { eventHash as verifierEventHash, GENESIS_HASH, type HashedEventFields as VerifierHashedEventFields } from '#verifier';
import type { PreparedEvent } from '../append-preparation.js';
import type { EventMetadata, JsonObject } from '../event-store.port.js';

// The event hash is written once, in the verifier (libs/verifier/src/event-hash.ts), so
// that the ledger and an outside auditor compute the same thing; the store's types
// narrow its fields.
export { EVENT_HASH_ALGORITHM, GENESIS_HASH } from '#verifier';

/** Everything an event's hash covers. The global position is left out on purpose (see the verifier's eventHash). */
export interface HashedEventFields extends VerifierHashedEventFields {
  data: JsonObject;
  metadata: EventMetadata;
}

/** SHA-256 (hex) over the canonical JSON of an event and the hash of the event before it in its stream. */
export const eventHash: (fields: HashedEventFields) => string = verifierEventHash;

/**
 * The hash of an event about to be stored, computed by the adapter inside its write.
 * Data and metadata are hashed as they will read back (parsed from the JSON text that is
 * stored), not as the caller passed them: the two can differ (a toJSON member, -0), and
 * a verifier only ever sees what reads back.
 */
export function hashOfPrepared(
  event: PreparedEvent,
  at: { streamId: string; revision: number; recordedAt: string; previousHash: string | undefined },
): string {
  return eventHash({
    previousHash: at.previousHash ?? GENESIS_HASH,
    streamId: at.streamId,
    revision: at.revision,
    eventId: event.eventId,
    type: event.type,
    data: JSON.parse(event.data) as JsonObject,
    metadata: JSON.parse(event.metadata) as EventMetadata,
    recordedAt: at.recordedAt,
  });
}
