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
 * Multi-stream append (the atomic appendMany) takes metadata of string values only. A value
 * that is not a string (the ledger's `plausibilityOverride` is an object) is written there
 * as its JSON text under its key with this prefix, and read back as the value it was. The
 * prefix is in the ledger's own `$` space: a caller's `$json:x` is stored as `$$json:x`.
 */
export const JSON_VALUE_PREFIX = '$json:';

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

/**
 * Stored metadata (`toKurrentMetadata`'s) as the string-valued properties a multi-stream
 * append takes: each value that is not a string becomes its JSON text, under its key
 * behind JSON_VALUE_PREFIX. `fromKurrentMetadata` reads either form back the same.
 */
export function toStringProperties(stored: JsonObject): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const [key, value] of Object.entries(stored)) {
    if (typeof value === 'string') setOwn(properties, key, value);
    else setOwn(properties, `${JSON_VALUE_PREFIX}${key}`, JSON.stringify(value));
  }
  return properties;
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
  for (const [storedKey, storedValue] of Object.entries(rest)) {
    const decoded = jsonValueOf(storedKey, storedValue);
    if ('unreadable' in decoded) return decoded;
    const { key, value } = decoded;
    const renamed = RENAMED.find(([, stored]) => stored === key);
    if (!renamed && isKurrentDbsOwn(key)) continue;
    setOwn(metadata, renamed ? renamed[0] : key.startsWith('$$') ? key.slice(1) : key, value);
  }
  return { metadata: metadata as EventMetadata, recordedAt, hash };
}

/** A member as stored, with a value written as JSON text (see JSON_VALUE_PREFIX) parsed back under its own key. */
function jsonValueOf(key: string, value: unknown): { key: string; value: unknown } | { unreadable: string } {
  if (!key.startsWith(JSON_VALUE_PREFIX)) return { key, value };
  try {
    if (typeof value !== 'string') throw new TypeError('not a string');
    return { key: key.slice(JSON_VALUE_PREFIX.length), value: JSON.parse(value) as unknown };
  } catch {
    return { unreadable: `its metadata member ${key} holds no JSON text: it was not written by the ledger` };
  }
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
