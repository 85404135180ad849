import { envelopeSchema, type EnvelopeFields } from '../deal/deal-event-envelope.js';
import { oneOfValues, type JsonSchema } from '../deal/schema-builders.js';
import { RECORDS_EVENT_TYPES, type RecordsEvent } from './records-events.js';

type EnvelopeOf<E> = E extends RecordsEvent ? EnvelopeFields & { type: E['type']; data: E['data'] } : never;

/** A records event as subscribers receive it: the deal envelope's fields without a deal or party id (its `streamId` says which records). */
export type RecordsEventEnvelope = EnvelopeOf<RecordsEvent>;

/** Any records event. */
export const RECORDS_EVENT_ENVELOPE_SCHEMA: JsonSchema = envelopeSchema(
  oneOfValues(RECORDS_EVENT_TYPES),
  { type: 'object', description: 'The payload: see the schema of its type' },
  'streamId',
  'A records-management event as delivered to subscribers: it names no deal or party, only its stream',
);
