import { CURRENT_DEAL_EVENT_TYPES, type DealEvent } from './deal-events.js';
import { id, objectOf, oneOfValues, text, timestamp, type JsonSchema } from './schema-builders.js';

/**
 * A deal event as services receive it: an SSE message's `data`, a client handler's
 * argument. Always in the current shape: an event stored under a superseded version is
 * delivered as the version its upcaster reads it as, with the stored name in `storedType`.
 */
interface EnvelopeFields {
  /** Opaque cursor: the SSE `id`, what `Last-Event-ID` and `from` take back. */
  position: string;
  eventId: string;
  streamId: string;
  dealId: string;
  /** 0-based revision within the deal's stream. */
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

type EnvelopeOf<E> = E extends DealEvent ? EnvelopeFields & { type: E['type']; data: E['data'] } : never;

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
 * The envelope's schema, with `type` and `data` given: the generic envelope (any current
 * type, any object) or one event type's (its name as a constant, a reference to its payload).
 */
export function envelopeSchema(type: JsonSchema, data: JsonSchema, description?: string): JsonSchema {
  return objectOf<EnvelopeFields & { type: string; data: unknown }>()({
    ...(description !== undefined ? { description } : {}),
    properties: {
      position: { type: 'string', minLength: 1, description: 'Opaque cursor; the SSE id' },
      eventId: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
      streamId: text(),
      dealId: id(),
      revision: { type: 'integer', minimum: 0 },
      type,
      storedType: text('The stored wire name, when the event was read through an upcaster'),
      data,
      recordedAt: timestamp('When the ledger recorded it'),
      metadata: metadataSchema,
      hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      delivery: deliverySchema,
    },
    required: ['position', 'eventId', 'streamId', 'dealId', 'revision', 'type', 'data', 'recordedAt', 'metadata'],
  });
}

/** Any deal event: what `/schemas/envelope` serves. */
export const DEAL_EVENT_ENVELOPE_SCHEMA: JsonSchema = envelopeSchema(
  oneOfValues(CURRENT_DEAL_EVENT_TYPES),
  { type: 'object', description: 'The payload: see the schema of its type' },
  'A deal event as delivered to subscribers, in the current shape of its type',
);
