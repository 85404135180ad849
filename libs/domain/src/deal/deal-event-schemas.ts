import { ISO_CURRENCY_CODES } from '../values/currency.js';
import {
  MEASURE_KINDS,
  QUALIFIERS,
  SOURCE_TIERS,
  type Conversion,
  type ExchangeRate,
  type FigureReport,
  type FigureValue,
  type Measure,
  type Source,
} from '../values/figure.js';
import {
  CURRENT_DEAL_EVENT_TYPES,
  PARTY_KINDS,
  PARTY_ROLES,
  SUPERSEDED_DEAL_EVENT_TYPES,
  type DealEvent,
  type DealEventType,
  type OfftakeSignedV1,
  type Party,
  type SupersededDealEventType,
} from './deal-events.js';
import { COUNTRY_CODE } from './register-deal.decide.js';
import { DEFINITIONS_PREFIX, decimal, id, listOf, objectOf, oneOfValues, text, timestamp, type JsonSchema } from './schema-builders.js';

export type { JsonSchema } from './schema-builders.js';

/**
 * The event contract: one JSON Schema (draft-07) per event type and version, for the
 * services that subscribe to the ledger. `/schemas` and `/asyncapi.json` are generated
 * from these definitions, and the patterns and lists in them are the very constants the
 * rules use (ids, decimals, timestamps, currencies, qualifiers).
 *
 * Each object schema is built by `objectOf<T>()`, so the compiler checks it against the
 * TypeScript type of the payload: every member named, none invented, every required one
 * required. Nested shapes and values are checked by deal-event-schemas.spec.ts, which
 * validates every event the deciders produce against these schemas with
 * `additionalProperties: false`: a payload that changes without its schema fails there.
 */

export type SharedDefinitionName =
  | 'Currency'
  | 'Source'
  | 'ExchangeRate'
  | 'Conversion'
  | 'Measure'
  | 'FigureValue'
  | 'FigureReport'
  | 'Party';

const ref = (name: SharedDefinitionName): JsonSchema => ({ $ref: `${DEFINITIONS_PREFIX}${name}` });
const kind = <K extends (typeof MEASURE_KINDS)[number]>(value: K): JsonSchema => ({ const: value });

const measureOf = <K extends Measure['kind']>() => objectOf<Extract<Measure, { kind: K }>>();

/** Value shapes several events share, referenced as `#/definitions/<name>`. */
export const SHARED_DEFINITIONS: { readonly [name in SharedDefinitionName]: JsonSchema } = {
  Currency: { ...oneOfValues(ISO_CURRENCY_CODES), description: 'An active ISO 4217 currency code' },
  Source: objectOf<Source>()({
    description: 'Where a figure came from',
    properties: {
      publisher: text(),
      title: text(),
      url: { type: 'string', pattern: '^https?://' },
      publishedAt: timestamp('When the source published it'),
      attribution: text('Who, within the publication, said it'),
      tier: oneOfValues(SOURCE_TIERS),
      citedBy: text('The outlet that cited a secondary source'),
    },
    required: ['publisher', 'tier'],
  }),
  ExchangeRate: objectOf<ExchangeRate>()({
    description: 'A rate as the source printed it: 1 base = value quote',
    properties: { base: ref('Currency'), quote: ref('Currency'), value: decimal },
    required: ['base', 'quote', 'value'],
  }),
  Conversion: objectOf<Conversion>()({
    description: 'The same amount in another currency, at the rate the source gave',
    properties: { currency: ref('Currency'), amount: decimal, rate: ref('ExchangeRate'), convertedBy: text() },
    required: ['currency', 'amount', 'rate'],
  }),
  Measure: {
    description: 'What a figure measures',
    oneOf: [
      measureOf<'money'>()({ properties: { kind: kind('money'), currency: ref('Currency') }, required: ['kind', 'currency'] }),
      measureOf<'percentage'>()({ properties: { kind: kind('percentage') }, required: ['kind'] }),
      measureOf<'quantity'>()({
        properties: { kind: kind('quantity'), unit: text(), per: text('The period a rate applies to') },
        required: ['kind', 'unit'],
      }),
      measureOf<'text'>()({ properties: { kind: kind('text') }, required: ['kind'] }),
    ],
  },
  FigureValue: objectOf<FigureValue>()({
    description:
      'A value as reported: amount with a point qualifier, min and max with range, text with the text measure, nothing when undisclosed or withheld',
    properties: {
      measure: ref('Measure'),
      qualifier: oneOfValues(QUALIFIERS),
      amount: decimal,
      min: decimal,
      max: decimal,
      text: text(),
      conversions: listOf(ref('Conversion')),
      note: text('The source’s own words, e.g. "declined to comment"'),
    },
    required: ['measure', 'qualifier'],
  }),
  FigureReport: objectOf<FigureReport>()({
    description: 'A figure as first reported; figureId is what revisions, corrections and retractions name',
    properties: {
      figureId: id(),
      value: ref('FigureValue'),
      source: ref('Source'),
      reportedAt: timestamp('When the source reported it'),
      effectiveAt: timestamp('When the figure applies in the world'),
    },
    required: ['figureId', 'value', 'source', 'reportedAt'],
  }),
  Party: objectOf<Party>()({
    properties: {
      partyId: id(),
      name: text(),
      kind: oneOfValues(PARTY_KINDS),
      roles: listOf(oneOfValues(PARTY_ROLES)),
      country: { type: 'string', pattern: COUNTRY_CODE.source, description: 'ISO 3166-1 alpha-2' },
    },
    required: ['partyId', 'name', 'kind', 'roles'],
  }),
};

type DataOf<T extends DealEventType> = Extract<DealEvent, { type: T }>['data'];
const payloadOf = <T extends DealEventType>() => objectOf<DataOf<T>>();

interface PayloadDefinition {
  summary: string;
  schema: JsonSchema;
}

/** The payload (`data`) of every type a deal stream may hold: current and superseded versions. */
const PAYLOADS: { readonly [T in DealEventType | SupersededDealEventType]: PayloadDefinition } = {
  'DealRegistered.v1': {
    summary: 'A deal was registered: its parties with their roles, site, commodities and source',
    schema: payloadOf<'DealRegistered.v1'>()({
      properties: {
        dealId: id(),
        title: text(),
        parties: listOf(ref('Party'), undefined, 1),
        site: text(),
        commodities: listOf(text()),
        source: ref('Source'),
        reportedAt: timestamp('When the source reported it'),
      },
      required: ['dealId', 'title', 'parties', 'commodities', 'source', 'reportedAt'],
    }),
  },
  'InvestmentAnnounced.v1': {
    summary: 'An investment was announced: investors, target, vehicle, amount, instruments, timeframe',
    schema: payloadOf<'InvestmentAnnounced.v1'>()({
      properties: {
        investors: listOf(id(), 'Party ids', 1),
        target: id(),
        vehicle: id(),
        amount: ref('FigureReport'),
        instruments: listOf(text(), 'As reported: "equity", "debt"'),
        timeframe: ref('FigureReport'),
      },
      required: ['investors', 'target', 'amount', 'instruments'],
    }),
  },
  'OfftakeSigned.v1': {
    summary: 'An offtake agreement was signed (superseded: the term was a plain string)',
    schema: objectOf<OfftakeSignedV1>()({
      properties: {
        buyers: listOf(id(), 'Party ids', 1),
        seller: id(),
        products: listOf(text()),
        share: ref('FigureReport'),
        term: text('As reported: "long-term"'),
      },
      required: ['buyers', 'seller', 'products', 'share'],
    }),
  },
  'OfftakeSigned.v2': {
    summary: 'An offtake agreement was signed: buyers, seller, products, share of output and term (a text figure)',
    schema: payloadOf<'OfftakeSigned.v2'>()({
      properties: {
        buyers: listOf(id(), 'Party ids', 1),
        seller: id(),
        products: listOf(text()),
        share: ref('FigureReport'),
        term: { ...ref('FigureReport'), description: 'A text figure with the id `<share figureId>.term`' },
      },
      required: ['buyers', 'seller', 'products', 'share'],
    }),
  },
  'StakeDisclosed.v1': {
    summary: 'A stake was disclosed, or declined (undisclosed)',
    schema: payloadOf<'StakeDisclosed.v1'>()({
      properties: { holder: id(), target: id(), stake: ref('FigureReport') },
      required: ['holder', 'target', 'stake'],
    }),
  },
  'CapacityReported.v1': {
    summary: 'A capacity was reported for a facility and product',
    schema: payloadOf<'CapacityReported.v1'>()({
      properties: { facility: text(), product: text(), capacity: ref('FigureReport') },
      required: ['facility', 'product', 'capacity'],
    }),
  },
  'GovernmentSupportAnnounced.v1': {
    summary: 'Government support was announced',
    schema: payloadOf<'GovernmentSupportAnnounced.v1'>()({
      properties: { government: id(), recipient: id(), amount: ref('FigureReport'), form: text('As reported: "financial support"') },
      required: ['government', 'recipient', 'amount'],
    }),
  },
  'MetricReported.v1': {
    summary: 'Any other figure about the deal, named by a label',
    schema: payloadOf<'MetricReported.v1'>()({
      properties: { label: text(), subject: id('The party the metric is about'), metric: ref('FigureReport') },
      required: ['label', 'metric'],
    }),
  },
  'NoteRecorded.v1': {
    summary: 'A reported fact without a figure',
    schema: payloadOf<'NoteRecorded.v1'>()({
      properties: { noteId: id(), text: text(), source: ref('Source'), reportedAt: timestamp('When the source reported it') },
      required: ['noteId', 'text', 'source', 'reportedAt'],
    }),
  },
  'FigureRevised.v1': {
    summary: 'The world changed: a source now reports a new value for a figure',
    schema: payloadOf<'FigureRevised.v1'>()({
      properties: {
        figureId: id(),
        value: ref('FigureValue'),
        source: ref('Source'),
        reportedAt: timestamp('When the source reported it'),
        effectiveAt: timestamp('When the new value applies in the world'),
        reason: text(),
      },
      required: ['figureId', 'value', 'source', 'reportedAt'],
    }),
  },
  'FigureCorrected.v1': {
    summary: 'Our record was wrong: the value the source reported, keyed right, with the reason',
    schema: payloadOf<'FigureCorrected.v1'>()({
      properties: {
        figureId: id(),
        value: ref('FigureValue'),
        source: ref('Source'),
        reportedAt: timestamp('When the source reported it'),
        effectiveAt: timestamp('When the value applies in the world'),
        reason: text(),
      },
      required: ['figureId', 'value', 'source', 'reportedAt', 'reason'],
    }),
  },
  'ReportRetracted.v1': {
    summary: 'The report is withdrawn: the figure no longer stands, its history does',
    schema: payloadOf<'ReportRetracted.v1'>()({
      properties: { figureId: id(), reason: text(), source: ref('Source'), reportedAt: timestamp('When the retraction was reported') },
      required: ['figureId', 'reason'],
    }),
  },
};

export interface DealEventDefinition {
  /** The wire name: `OfftakeSigned.v2`. */
  type: string;
  name: string;
  version: number;
  /** `superseded` versions are only ever read, through an upcaster, as the version they name. */
  status: 'current' | 'superseded';
  supersededBy?: DealEventType;
  summary: string;
  /** The schema of the event's `data`, referring to SHARED_DEFINITIONS as `#/definitions/<name>`. */
  schema: JsonSchema;
}

function definitionOf(type: DealEventType | SupersededDealEventType): DealEventDefinition {
  const [name, version] = type.split('.v') as [string, string];
  const supersededBy = (SUPERSEDED_DEAL_EVENT_TYPES as Readonly<Record<string, DealEventType>>)[type];
  return {
    type,
    name,
    version: Number(version),
    status: supersededBy === undefined ? 'current' : 'superseded',
    ...(supersededBy !== undefined ? { supersededBy } : {}),
    ...PAYLOADS[type],
  };
}

/** Every event type and version, current ones first, in the order of CURRENT_DEAL_EVENT_TYPES. */
export const DEAL_EVENT_DEFINITIONS: readonly DealEventDefinition[] = [
  ...CURRENT_DEAL_EVENT_TYPES,
  ...(Object.keys(SUPERSEDED_DEAL_EVENT_TYPES) as SupersededDealEventType[]),
].map(definitionOf);

export function dealEventDefinition(type: string): DealEventDefinition | undefined {
  return DEAL_EVENT_DEFINITIONS.find((definition) => definition.type === type);
}

const SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** The stand-alone JSON Schema document of one event type's `data`. */
export function dealEventSchemaDocument(definition: DealEventDefinition): JsonSchema {
  return {
    $schema: SCHEMA_DIALECT,
    $id: `urn:deal-ledger:event:${definition.type}`,
    title: definition.type,
    description: definition.summary,
    ...definition.schema,
    definitions: SHARED_DEFINITIONS,
  };
}

/** The same schema with its `#/definitions/…` references moved under another prefix (AsyncAPI's components). */
export function withDefinitionsUnder(schema: JsonSchema, prefix: string): JsonSchema {
  return JSON.parse(
    JSON.stringify(schema, (key, value: unknown) =>
      key === '$ref' && typeof value === 'string' && value.startsWith(DEFINITIONS_PREFIX)
        ? `${prefix}${value.slice(DEFINITIONS_PREFIX.length)}`
        : value,
    ),
  ) as JsonSchema;
}
