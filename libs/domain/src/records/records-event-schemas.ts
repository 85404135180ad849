import type { DealEventDefinition } from '../deal/deal-event-schemas.js';
import { listOf, objectOf, text, type JsonSchema } from '../deal/schema-builders.js';
import { RECORDS_EVENT_TYPES, type RecordsEvent, type RecordsEventType } from './records-events.js';

/**
 * The JSON Schemas of the records events, built as the deal and party events' are (objectOf
 * ties each to its TypeScript type). A records event joins /schemas, /asyncapi.json, the
 * envelope and the event streams by having an entry here: nothing else lists them.
 */

type DataOf<T extends RecordsEventType> = Extract<RecordsEvent, { type: T }>['data'];
const payloadOf = <T extends RecordsEventType>() => objectOf<DataOf<T>>();

const SHA256_HEX = '^[0-9a-f]{64}$';
const EVENT_ID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

const PAYLOADS: { readonly [T in RecordsEventType]: { summary: string; schema: JsonSchema } } = {
  'PersonalDataErased.v1': {
    summary:
      "A person's name was erased: forget every copy of it. Events hold only a commitment to the name " +
      '(`personal-data:sha256:<subject>`), delivered with the name resolved; read again (`streams`, `eventIds`), they carry ' +
      'the erasure\'s wording ("erased on … under …") where the name was',
    schema: payloadOf<'PersonalDataErased.v1'>()({
      properties: {
        subject: { type: 'string', pattern: SHA256_HEX, description: 'The commitment the events hold, as `personal-data:sha256:<subject>`; never the name' },
        reason: text('The request or rule the erasure answers'),
        streams: listOf({ type: 'string', pattern: '\\S' }, 'The streams whose events named the subject: those to read again'),
        eventIds: listOf({ type: 'string', pattern: EVENT_ID }, 'The events that named the subject, stream by stream in the order of `streams`'),
      },
      required: ['subject', 'reason', 'streams', 'eventIds'],
    }),
  },
};

/** One definition per records event type, in the shape of the deal events' (all current: no version superseded yet). */
export const RECORDS_EVENT_DEFINITIONS: readonly DealEventDefinition[] = RECORDS_EVENT_TYPES.map((type) => {
  const [name, version] = type.split('.v') as [string, string];
  return { type, name, version: Number(version), status: 'current', ...PAYLOADS[type] };
});
