import { canonicalJson } from './canonical-json.js';
import { sha256 } from './encoding.js';

/** The previous hash of a stream's first event (revision 0). */
export const GENESIS_HASH = '0'.repeat(64);

/** Names the algorithm below in exported evidence, so a verifier can tell it apart from a later one. */
export const EVENT_HASH_ALGORITHM = 'sha256-canonical-json-v1';

export type JsonObject = { [key: string]: unknown };

/** Everything an event's hash covers. The global position is left out on purpose (see eventHash). */
export interface HashedEventFields {
  previousHash: string;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  recordedAt: string;
}

/**
 * SHA-256 (hex) over the canonical JSON of an event and the hash of the event before it
 * in its stream. Canonical JSON (keys sorted at every depth, no white space) is what
 * JSON.stringify writes with sorted keys, i.e. RFC 8785 for the values the store accepts,
 * so an auditor can recompute a hash in any language from the exported events alone.
 *
 * The global position is not covered: KurrentDB assigns it on the server after the
 * client has to compute the hash. Positions are checked by their order instead, and the
 * Merkle tree of all events (whose leaves are these hashes, in log order) fixes each
 * event's place in the log.
 */
export function eventHash(fields: HashedEventFields): string {
  const { previousHash, streamId, revision, eventId, type, data, metadata, recordedAt } = fields;
  return sha256(canonicalJson({ previousHash, streamId, revision, eventId, type, data, metadata, recordedAt })).toString('hex');
}
