/**
 * The events of records-management streams (`records-<area>`), published to subscribers as
 * the records category: what the ledger did to its records rather than what a source
 * reported. They name no deal or party; their payloads never hold a person's name.
 */

/**
 * A person's name was erased from the vault. Events that named the person hold only a salted
 * commitment to the name (`personal-data:sha256:<subject>`): read again, they now carry the
 * erasure's wording, so a subscriber that kept a copy of the name replaces or drops it.
 */
export interface PersonalDataErasedV1 {
  /** The commitment (64 hex digits) the events hold: never the name. */
  subject: string;
  reason: string;
  /** The streams whose events named the subject. */
  streams: string[];
  /** The events that named the subject, stream by stream in the order of `streams`, each stream's in its order. */
  eventIds: string[];
}

/** Every records event; a new one is a member here, and the compiler asks for it in TYPES and in records-event-schemas.ts. */
export type RecordsEvent = { type: 'PersonalDataErased.v1'; data: PersonalDataErasedV1 };

export type RecordsEventType = RecordsEvent['type'];

// A record keyed by every type, so the compiler refuses a type left out of the list.
const TYPES: { readonly [T in RecordsEventType]: true } = { 'PersonalDataErased.v1': true };

export const RECORDS_EVENT_TYPES = Object.keys(TYPES) as readonly RecordsEventType[];

export function isRecordsEventType(type: string): type is RecordsEventType {
  return (RECORDS_EVENT_TYPES as readonly string[]).includes(type);
}
