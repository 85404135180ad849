import { envelopeSchema, type EnvelopeFields } from '../deal/deal-event-envelope.js';
import { oneOfValues, type JsonSchema } from '../deal/schema-builders.js';
import { PARTY_EVENT_TYPES, type PartyEvent } from './party-events.js';

type EnvelopeOf<E> = E extends PartyEvent ? EnvelopeFields & { partyId: string; type: E['type']; data: E['data'] } : never;

/** A party event as subscribers receive it: the deal envelope's fields, with the party's id where a deal event has its deal's. */
export type PartyEventEnvelope = EnvelopeOf<PartyEvent>;

/** Any party event. */
export const PARTY_EVENT_ENVELOPE_SCHEMA: JsonSchema = envelopeSchema(
  oneOfValues(PARTY_EVENT_TYPES),
  { type: 'object', description: 'The payload: see the schema of its type' },
  'partyId',
  'A party event as delivered to subscribers',
);
