import type { EventMetadata, JsonObject } from '../../event-store.port.js';
import { isPlainObject } from '../../json-encoding.js';

/** What the store itself adds to each event: its commit time and its hash-chain link. */
export interface StoreStamp {
  recordedAt: string;
  hash: string;
}

/**
 * Our metadata keys that KurrentDB reserves under another name: written as `$correlationId`
 * and `$causationId`, the `$by_correlation_id` system projection and other KurrentDB tools
 * understand them natively.
 */
const RENAMED: ReadonlyArray<readonly [ours: string, stored: string]> = [
  ['correlationId', '$correlationId'],
  ['causationId', '$causationId'],
];

/**
 * The store's own keys. KurrentDB assigns an event's position and `created` time on the
 * server, after the hash (which covers the commit time) has to be computed: so the adapter
 * takes the commit time itself and keeps it, with the hash, in the event's metadata.
 */
export const RECORDED_AT_KEY = '$recordedAt';
export const HASH_KEY = '$hash';

/**
 * The metadata as stored in KurrentDB. A caller's own key starting with `$` would collide
 * with the reserved names, so it is escaped with one more `$` (`$x` → `$$x`) and unescaped
 * on read: every metadata object reads back exactly as it was written.
 */
export function toKurrentMetadata(metadata: JsonObject, stamp: StoreStamp): JsonObject {
  const stored: JsonObject = {};
  for (const [key, value] of Object.entries(metadata)) {
    const renamed = RENAMED.find(([ours]) => ours === key);
    setOwn(stored, renamed ? renamed[1] : key.startsWith('$') ? `$${key}` : key, value);
  }
  stored[RECORDED_AT_KEY] = stamp.recordedAt;
  stored[HASH_KEY] = stamp.hash;
  return stored;
}

/** The metadata as the ledger wrote it, or why it was not written by the ledger. */
export type MetadataReading = (StoreStamp & { metadata: EventMetadata }) | { unreadable: string };

export function fromKurrentMetadata(stored: unknown): MetadataReading {
  if (!isPlainObject(stored)) return { unreadable: 'it has no JSON object as metadata: it was not written by the ledger' };
  const { [RECORDED_AT_KEY]: recordedAt, [HASH_KEY]: hash, ...rest } = stored;
  if (typeof recordedAt !== 'string' || typeof hash !== 'string') {
    return { unreadable: `it lacks the ${RECORDED_AT_KEY} and ${HASH_KEY} metadata the ledger writes: it was not written by the ledger` };
  }
  const metadata: JsonObject = {};
  for (const [key, value] of Object.entries(rest)) {
    const renamed = RENAMED.find(([, storedKey]) => storedKey === key);
    if (!renamed && isKurrentDbsOwn(key)) continue;
    setOwn(metadata, renamed ? renamed[0] : key.startsWith('$$') ? key.slice(1) : key, value);
  }
  return { metadata: metadata as EventMetadata, recordedAt, hash };
}

/**
 * A key in KurrentDB's `$` namespace that the ledger did not write: every `$` key of a caller is
 * stored as `$$…` and the ledger's own are named above, so a single-`$` key besides those was
 * added by KurrentDB's tools — `@kurrent/opentelemetry` adds `$traceId` and `$spanId` to an event
 * after the adapter hashed it. It is not the ledger's record: not hashed, not read back.
 */
function isKurrentDbsOwn(key: string): boolean {
  return key.startsWith('$') && !key.startsWith('$$');
}

/**
 * An own member even for the key "__proto__", which JSON.parse creates as a member but a
 * plain assignment would take for the prototype, silently dropping it.
 */
function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
