import { createHash } from 'node:crypto';
import type { PreparedEvent } from '../append-preparation.js';
import { canonicalJson } from '../canonical-json.js';
import type { EventMetadata, JsonObject } from '../event-store.port.js';

/** The previous hash of a stream's first event (revision 0). */
export const GENESIS_HASH = '0'.repeat(64);

/** Names the algorithm below in exported evidence, so a verifier can tell it apart from a later one. */
export const EVENT_HASH_ALGORITHM = 'sha256-canonical-json-v1';

/** Everything an event's hash covers. The global position is left out on purpose (see eventHash). */
export interface HashedEventFields {
  previousHash: string;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  recordedAt: string;
}

/**
 * SHA-256 (hex) over the canonical JSON of an event and the hash of the event before it
 * in its stream. Canonical JSON (keys sorted at every depth, no white space) is what
 * JSON.stringify writes with sorted keys, i.e. RFC 8785 for the values the store accepts,
 * so an auditor can recompute a hash in any language from the exported events alone.
 *
 * The global position is not covered: KurrentDB assigns it on the server after the
 * client has to compute the hash. Positions are checked by their order instead
 * (verify-chains.ts), and signed checkpoints pin the heads at a position.
 */
export function eventHash(fields: HashedEventFields): string {
  const { previousHash, streamId, revision, eventId, type, data, metadata, recordedAt } = fields;
  return createHash('sha256')
    .update(canonicalJson({ previousHash, streamId, revision, eventId, type, data, metadata, recordedAt }))
    .digest('hex');
}

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
