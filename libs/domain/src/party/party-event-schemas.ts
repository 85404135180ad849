import { PARTY_KINDS } from '../deal/deal-events.js';
import type { DealEventDefinition } from '../deal/deal-event-schemas.js';
import { COUNTRY_CODE } from '../deal/deal-parties.js';
import { DEFINITIONS_PREFIX, id, objectOf, oneOfValues, text, timestamp, type JsonSchema } from '../deal/schema-builders.js';
import { LEI_PATTERN } from './lei.js';
import { PARTY_EVENT_TYPES, type PartyEvent, type PartyEventType } from './party-events.js';

/**
 * The JSON Schemas of the party events, built as the deal events' are (objectOf ties each to
 * its TypeScript type) and sharing their definitions (`Source`), so `/schemas` publishes them
 * beside the deal events and a payload is copied by its schema before it is stored.
 */

type DataOf<T extends PartyEventType> = Extract<PartyEvent, { type: T }>['data'];
const payloadOf = <T extends PartyEventType>() => objectOf<DataOf<T>>();
const source: JsonSchema = { $ref: `${DEFINITIONS_PREFIX}Source` };
const reportedAt = timestamp('When the source reported it');

const parentLink = (effective: string) => ({
  properties: { parentId: id('The parent party'), effectiveAt: timestamp(effective), source, reportedAt },
  required: ['parentId', 'effectiveAt', 'source', 'reportedAt'] as const,
});

const PAYLOADS: { readonly [T in PartyEventType]: { summary: string; schema: JsonSchema } } = {
  'PartyRegistered.v1': {
    summary: 'A party was registered, to be named by id across deals: name, kind, country and LEI',
    schema: payloadOf<'PartyRegistered.v1'>()({
      properties: {
        partyId: id(),
        name: text(),
        kind: oneOfValues(PARTY_KINDS),
        country: { type: 'string', pattern: COUNTRY_CODE.source, description: 'ISO 3166-1 alpha-2' },
        lei: { type: 'string', pattern: LEI_PATTERN.source, description: 'ISO 17442, its ISO 7064 MOD 97-10 check digits verified' },
        source,
        reportedAt,
      },
      required: ['partyId', 'name', 'kind', 'source', 'reportedAt'],
    }),
  },
  'PartyRenamed.v1': {
    summary: 'The party took a new name from effectiveAt (recorded at the commit time)',
    schema: payloadOf<'PartyRenamed.v1'>()({
      properties: { name: text(), effectiveAt: timestamp('When the new name took effect'), source, reportedAt },
      required: ['name', 'effectiveAt', 'source', 'reportedAt'],
    }),
  },
  'PartyAliasAdded.v1': {
    summary: 'Another name the party goes by',
    schema: payloadOf<'PartyAliasAdded.v1'>()({
      properties: { alias: text(), source, reportedAt, effectiveAt: timestamp('Since when the party goes by it') },
      required: ['alias', 'source', 'reportedAt'],
    }),
  },
  'PartyParentLinked.v1': {
    summary: 'The party became a unit of a parent party from effectiveAt',
    schema: payloadOf<'PartyParentLinked.v1'>()(parentLink('When the link began')),
  },
  'PartyParentLinkEnded.v1': {
    summary: 'The party stopped being a unit of a parent party at effectiveAt',
    schema: payloadOf<'PartyParentLinkEnded.v1'>()(parentLink('When the link ended')),
  },
};

/** One definition per party event type, in the shape of the deal events' (all current: no version superseded yet). */
export const PARTY_EVENT_DEFINITIONS: readonly DealEventDefinition[] = PARTY_EVENT_TYPES.map((type) => {
  const [name, version] = type.split('.v') as [string, string];
  return { type, name, version: Number(version), status: 'current', ...PAYLOADS[type] };
});

export function partyEventDefinition(type: string): DealEventDefinition | undefined {
  return PARTY_EVENT_DEFINITIONS.find((definition) => definition.type === type);
}

