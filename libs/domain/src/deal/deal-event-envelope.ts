import { CURRENT_DEAL_EVENT_TYPES, type DealEvent } from './deal-events.js';
import { id, objectOf, oneOfValues, text, timestamp, type JsonSchema } from './schema-builders.js';

/**
 * An event as services receive it: an SSE message's `data`, a client handler's argument.
 * Always in the current shape: an event stored under a superseded version is delivered as
 * the version its upcaster reads it as, with the stored name in `storedType`. A deal
 * event names its deal (`dealId`), a party event its party (`partyId`, see
 * party-event-envelope.ts), a records event neither (records-event-envelope.ts); the other
 * fields are the same for all.
 */
export interface EnvelopeFields {
  /** Opaque cursor: the SSE `id`, what `Last-Event-ID` and `from` take back. */
  position: string;
  eventId: string;
  streamId: string;
  /** 0-based revision within the event's stream. */
  revision: number;
  /** The wire name stored, when it differs from `type` (read through an upcaster). */
  storedType?: string;
  /** When the ledger recorded it (the store's commit time). */
  recordedAt: string;
  metadata: EnvelopeMetadata;
  /** The tamper-evidence hash of the event as stored, when the store keeps one. */
  hash?: string;
  /** Durable subscriptions only: which delivery of this event this is. */
  delivery?: Delivery;
}

export interface EnvelopeMetadata {
  actor: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  [key: string]: unknown;
}

export interface Delivery {
  /** 1 on the first delivery, one more after each nack. */
  attempt: number;
  /** True when an admin replays a parked event. */
  replay: boolean;
}

type EnvelopeOf<E> = E extends DealEvent ? EnvelopeFields & { dealId: string; type: E['type']; data: E['data'] } : never;

/** One member per current event type: narrowing on `type` types `data`. */
export type DealEventEnvelope = EnvelopeOf<DealEvent>;

const metadataSchema: JsonSchema = {
  type: 'object',
  description: 'Who and what caused the event; open to members the ledger adds (commandType, commandFingerprint…)',
  properties: { actor: text(), commandId: text(), correlationId: text(), causationId: text() },
  required: ['actor', 'commandId', 'correlationId', 'causationId'],
  additionalProperties: true,
};

const deliverySchema = objectOf<Delivery>()({
  description: 'Durable subscriptions only',
  properties: { attempt: { type: 'integer', minimum: 1 }, replay: { type: 'boolean' } },
  required: ['attempt', 'replay'],
});

/**
 * Who the event is about: the member of the envelope that names its stream's deal or party,
 * or `streamId` alone for a records event (about the ledger's records, no deal or party).
 */
export type EnvelopeSubject = 'dealId' | 'partyId' | 'streamId';

/**
 * The envelope's schema, with `type`, `data` and its subject given: the generic envelope of
 * a kind of stream (any of its current types, any object) or one event type's (its name as
 * a constant, a reference to its payload).
 */
export function envelopeSchema(type: JsonSchema, data: JsonSchema, subject: EnvelopeSubject, description?: string): JsonSchema {
  const stream = {
    position: { type: 'string', minLength: 1, description: 'Opaque cursor; the SSE id' },
    eventId: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
    streamId: text(),
  };
  const event = {
    revision: { type: 'integer', minimum: 0 },
    type,
    storedType: text('The stored wire name, when the event was read through an upcaster'),
    data,
    recordedAt: timestamp('When the ledger recorded it'),
    metadata: metadataSchema,
    hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    delivery: deliverySchema,
  };
  const streamRequired = ['position', 'eventId', 'streamId'] as const;
  const eventRequired = ['revision', 'type', 'data', 'recordedAt', 'metadata'] as const;
  const described = description !== undefined ? { description } : {};
  type Fields = EnvelopeFields & { type: string; data: unknown };
  // Closed shapes rather than one with both ids optional: a deal event never carries a partyId, nor a party event a dealId, nor a records event either.
  if (subject === 'dealId') {
    return objectOf<Fields & { dealId: string }>()({ ...described, properties: { ...stream, dealId: id(), ...event }, required: [...streamRequired, 'dealId', ...eventRequired] });
  }
  if (subject === 'partyId') {
    return objectOf<Fields & { partyId: string }>()({ ...described, properties: { ...stream, partyId: id(), ...event }, required: [...streamRequired, 'partyId', ...eventRequired] });
  }
  return objectOf<Fields>()({ ...described, properties: { ...stream, ...event }, required: [...streamRequired, ...eventRequired] });
}

/** Any deal event. */
export const DEAL_EVENT_ENVELOPE_SCHEMA: JsonSchema = envelopeSchema(
  oneOfValues(CURRENT_DEAL_EVENT_TYPES),
  { type: 'object', description: 'The payload: see the schema of its type' },
  'dealId',
  'A deal event as delivered to subscribers, in the current shape of its type',
);
