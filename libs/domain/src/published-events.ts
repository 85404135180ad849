import { DEAL_EVENT_ENVELOPE_SCHEMA, type DealEventEnvelope, type EnvelopeSubject } from './deal/deal-event-envelope.js';
import { DEAL_EVENT_DEFINITIONS, type DealEventDefinition, type JsonSchema } from './deal/deal-event-schemas.js';
import { PARTY_EVENT_ENVELOPE_SCHEMA, type PartyEventEnvelope } from './party/party-event-envelope.js';
import { PARTY_EVENT_DEFINITIONS } from './party/party-event-schemas.js';
import { isPartyEventType } from './party/party-events.js';
import { RECORDS_EVENT_ENVELOPE_SCHEMA, type RecordsEventEnvelope } from './records/records-event-envelope.js';
import { RECORDS_EVENT_DEFINITIONS } from './records/records-event-schemas.js';
import { isRecordsEventType } from './records/records-events.js';

/**
 * The events offered to subscribers, deal, party and records: what /schemas, /asyncapi.json
 * and the event streams publish. One list, so the contract and the streams cannot disagree.
 */

/**
 * An event as delivered: narrowing on `type` types `data`, and tells a deal's (`dealId`) from
 * a party's (`partyId`) and a records event's (neither).
 */
export type LedgerEventEnvelope = DealEventEnvelope | PartyEventEnvelope | RecordsEventEnvelope;

/** Deal events first, then party events (issue 15), then records events, each with its superseded versions. */
export const PUBLISHED_EVENT_DEFINITIONS: readonly DealEventDefinition[] = [...DEAL_EVENT_DEFINITIONS, ...PARTY_EVENT_DEFINITIONS, ...RECORDS_EVENT_DEFINITIONS];

export function publishedEventDefinition(type: string): DealEventDefinition | undefined {
  return PUBLISHED_EVENT_DEFINITIONS.find((definition) => definition.type === type);
}

/** Which id an event of this type carries in its envelope. */
export function envelopeSubjectOf(type: string): EnvelopeSubject {
  if (isPartyEventType(type)) return 'partyId';
  return isRecordsEventType(type) ? 'streamId' : 'dealId';
}

/** Any published event: what `/schemas/envelope` serves. */
export const EVENT_ENVELOPE_SCHEMA: JsonSchema = {
  description: 'An event as delivered to subscribers, in the current shape of its type: a deal event, a party event or a records event',
  oneOf: [DEAL_EVENT_ENVELOPE_SCHEMA, PARTY_EVENT_ENVELOPE_SCHEMA, RECORDS_EVENT_ENVELOPE_SCHEMA],
};
