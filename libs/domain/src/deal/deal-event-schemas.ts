import { ISO_CURRENCY_CODES } from '../values/currency.js';
import {
  DATE_PRECISIONS,
  DURATION_UNITS,
  MEASURE_KINDS,
  QUALIFIERS,
  QUALIFIERS_V1,
  RANGE_MAX_QUALIFIERS,
  RANGE_MIN_QUALIFIERS,
  SOURCE_TIERS,
  STAGES,
  type Conversion,
  type Estimate,
  type ExchangeRate,
  type FigureReport,
  type FigureReportV1,
  type FigureValue,
  type FigureValueV1,
  type Measure,
  type Source,
} from '../values/figure.js';
import { PARTIAL_DATE_PATTERN } from '../values/partial-date.js';
import {
  CURRENT_DEAL_EVENT_TYPES,
  DEAL_LINK_RELATIONS,
  PARTY_KINDS,
  PARTY_ROLES,
  PARTY_ROLES_V1,
  STAKE_BASES,
  SUPERSEDED_DEAL_EVENT_TYPES,
  type DealEvent,
  type DealEventType,
  type Party,
  type PartyV1,
  type SupersededDealEventType,
  type SupersededPayloads,
} from './deal-events.js';
import type { FactKind, MemberKind, MemberSpec } from './instruments/fact-kind.js';
import { FACT_KINDS } from './instruments/fact-kinds.js';
import { INSTRUMENT_EVENT_TYPES, type InstrumentEventType } from './instruments/instrument-events.js';
import { COUNTRY_CODE } from './deal-parties.js';
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
 *
 * A published definition is never edited: `Measure`, `FigureValue`, `FigureReport` and
 * `Party` are those of the ….v1 events (frozen lists), and the real-deals model's wider
 * shapes are new definitions (`…V2`) that only the newer versions refer to.
 */

export type SharedDefinitionName =
  | 'Currency'
  | 'Source'
  | 'ExchangeRate'
  | 'Conversion'
  | 'Measure'
  | 'FigureValue'
  | 'FigureReport'
  | 'Party'
  | 'MeasureV2'
  | 'Estimate'
  | 'FigureValueV2'
  | 'FigureReportV2'
  | 'PartyV2';

const ref = (name: SharedDefinitionName): JsonSchema => ({ $ref: `${DEFINITIONS_PREFIX}${name}` });
const kind = <K extends (typeof MEASURE_KINDS)[number]>(value: K): JsonSchema => ({ const: value });

const measureOf = <K extends Measure['kind']>() => objectOf<Extract<Measure, { kind: K }>>();

/** The measures the v1 events know, each written once and shared with MeasureV2. */
const MEASURES_V1 = [
  measureOf<'money'>()({ properties: { kind: kind('money'), currency: ref('Currency') }, required: ['kind', 'currency'] }),
  measureOf<'percentage'>()({ properties: { kind: kind('percentage') }, required: ['kind'] }),
  measureOf<'quantity'>()({
    properties: { kind: kind('quantity'), unit: text(), per: text('The period a rate applies to') },
    required: ['kind', 'unit'],
  }),
  measureOf<'text'>()({ properties: { kind: kind('text') }, required: ['kind'] }),
];

const dateWithPrecision: JsonSchema = { type: 'string', pattern: PARTIAL_DATE_PATTERN.source };

/** The members FigureValue and FigureValueV2 share; `amount`, `min` and `max` are decimals but for a date. */
const figureValueMembers = (measure: JsonSchema, qualifiers: readonly string[], amount: JsonSchema) => ({
  measure,
  qualifier: oneOfValues(qualifiers),
  amount,
  min: amount,
  max: amount,
  text: text(),
  conversions: listOf(ref('Conversion')),
  note: text('The source’s own words, e.g. "declined to comment"'),
});

const figureReportMembers = (value: JsonSchema) => ({
  figureId: id(),
  value,
  source: ref('Source'),
  reportedAt: timestamp('When the source reported it'),
  effectiveAt: timestamp('When the figure applies in the world'),
});

const partyMembers = (roles: readonly string[]) => ({
  partyId: id(),
  name: text(),
  kind: oneOfValues(PARTY_KINDS),
  roles: listOf(oneOfValues(roles)),
  country: { type: 'string', pattern: COUNTRY_CODE.source, description: 'ISO 3166-1 alpha-2' },
});

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
  Measure: { description: 'What a figure measures', oneOf: MEASURES_V1 },
  FigureValue: objectOf<FigureValueV1>()({
    description:
      'A value as reported: amount with a point qualifier, min and max with range, text with the text measure, nothing when undisclosed or withheld',
    properties: figureValueMembers(ref('Measure'), QUALIFIERS_V1, decimal),
    required: ['measure', 'qualifier'],
  }),
  FigureReport: objectOf<FigureReportV1>()({
    description: 'A figure as first reported; figureId is what revisions, corrections and retractions name',
    properties: figureReportMembers(ref('FigureValue')),
    required: ['figureId', 'value', 'source', 'reportedAt'],
  }),
  Party: objectOf<PartyV1>()({ properties: partyMembers(PARTY_ROLES_V1), required: ['partyId', 'name', 'kind', 'roles'] }),
  MeasureV2: {
    description: 'What a figure measures: money, a percentage, a quantity in a unit, a unit price, a count, a duration, a date, or words',
    oneOf: [
      ...MEASURES_V1,
      measureOf<'unit_price'>()({
        description: 'Money per quantity unit: EUR 60 per kg',
        properties: { kind: kind('unit_price'), currency: ref('Currency'), unit: text('The quantity unit priced, from the unit table') },
        required: ['kind', 'currency', 'unit'],
      }),
      measureOf<'count'>()({ properties: { kind: kind('count'), of: text('What is counted: shares, warrants') }, required: ['kind'] }),
      measureOf<'duration'>()({
        description: 'A length of time: a decimal number of units (P7Y is 7 years)',
        properties: { kind: kind('duration'), unit: oneOfValues(DURATION_UNITS) },
        required: ['kind', 'unit'],
      }),
      measureOf<'date'>()({
        description: 'A date as precise as the source gave it; amount, min and max hold "2027", "2027-Q3", "2027-09" or "2027-09-15"',
        properties: { kind: kind('date'), precision: oneOfValues(DATE_PRECISIONS) },
        required: ['kind', 'precision'],
      }),
    ],
  },
  Estimate: objectOf<Estimate>()({
    description: 'Who estimated a value no source reported as such',
    properties: { by: text(), basis: text('How it was estimated') },
    required: ['by'],
  }),
  FigureValueV2: {
    ...objectOf<FigureValue>()({
      description:
        'A value as reported: amount with a point qualifier, min and max (each bound with its own qualifier) with range, text with the text measure, nothing when undisclosed or withheld; an estimate says who estimated it',
      properties: {
        ...figureValueMembers(ref('MeasureV2'), QUALIFIERS, { type: 'string' }),
        minQualifier: oneOfValues(RANGE_MIN_QUALIFIERS, 'How the lower bound was reported'),
        maxQualifier: oneOfValues(RANGE_MAX_QUALIFIERS, 'How the upper bound was reported'),
        estimate: ref('Estimate'),
      },
      required: ['measure', 'qualifier'],
    }),
    // A date's amount is a date, every other amount a decimal.
    if: { type: 'object', properties: { measure: { type: 'object', properties: { kind: { const: 'date' } } } } },
    then: { type: 'object', properties: { amount: dateWithPrecision, min: dateWithPrecision, max: dateWithPrecision } },
    else: { type: 'object', properties: { amount: decimal, min: decimal, max: decimal } },
  },
  FigureReportV2: objectOf<FigureReport>()({
    description: 'A figure as first reported; figureId is what revisions, corrections and retractions name',
    properties: { ...figureReportMembers(ref('FigureValueV2')), stage: oneOfValues(STAGES, 'Where the agreement or facility stood, as reported') },
    required: ['figureId', 'value', 'source', 'reportedAt'],
  }),
  PartyV2: objectOf<Party>()({
    properties: {
      ...partyMembers(PARTY_ROLES),
      registered: { type: 'boolean', description: 'True when partyId named a party of the registry (/parties/:partyId) when the deal named it' },
    },
    required: ['partyId', 'name', 'kind', 'roles'],
  }),
};

type StoredDealEventType = DealEventType | SupersededDealEventType;
type DataOf<T extends StoredDealEventType> = T extends DealEventType ? Extract<DealEvent, { type: T }>['data'] : SupersededPayloads[T & SupersededDealEventType];
const payloadOf = <T extends StoredDealEventType>() => objectOf<DataOf<T>>();

interface PayloadDefinition {
  summary: string;
  schema: JsonSchema;
}

/*
 * Each payload's members are written once, over the definitions of the figures (and
 * parties) it carries: `FigureReport` in its v1, `FigureReportV2` in the version after.
 */

const dealRegistered = (party: JsonSchema) =>
  ({
    properties: {
      dealId: id(),
      title: text(),
      parties: listOf(party, undefined, 1),
      site: text(),
      commodities: listOf(text()),
      source: ref('Source'),
      reportedAt: timestamp('When the source reported it'),
    },
    required: ['dealId', 'title', 'parties', 'commodities', 'source', 'reportedAt'],
  }) as const;

const investmentAnnounced = (report: JsonSchema) =>
  ({
    properties: {
      investors: listOf(id(), 'Party ids', 1),
      target: id(),
      vehicle: id(),
      amount: report,
      instruments: listOf(text(), 'As reported: "equity", "debt"'),
      timeframe: report,
    },
    required: ['investors', 'target', 'amount', 'instruments'],
  }) as const;

const offtakeSigned = (report: JsonSchema) =>
  ({
    properties: {
      buyers: listOf(id(), 'Party ids', 1),
      seller: id(),
      products: listOf(text()),
      share: report,
      term: { ...report, description: 'A text figure with the id `<share figureId>.term`' },
    },
    required: ['buyers', 'seller', 'products', 'share'],
  }) as const;

const stakeMembers = (report: JsonSchema) => ({ holder: id(), target: id(), stake: report });

const capacityReported = (report: JsonSchema) =>
  ({ properties: { facility: text(), product: text(), capacity: report }, required: ['facility', 'product', 'capacity'] }) as const;

const governmentSupportAnnounced = (report: JsonSchema) =>
  ({
    properties: { government: id(), recipient: id(), amount: report, form: text('As reported: "financial support"') },
    required: ['government', 'recipient', 'amount'],
  }) as const;

const metricReported = (report: JsonSchema) =>
  ({ properties: { label: text(), subject: id('The party the metric is about'), metric: report }, required: ['label', 'metric'] }) as const;

const figureChange = (value: JsonSchema, effectiveAt: string) => ({
  figureId: id(),
  value,
  source: ref('Source'),
  reportedAt: timestamp('When the source reported it'),
  effectiveAt: timestamp(effectiveAt),
  reason: text(),
});
const figureRevised = (value: JsonSchema) =>
  ({ properties: figureChange(value, 'When the new value applies in the world'), required: ['figureId', 'value', 'source', 'reportedAt'] }) as const;
const figureCorrected = (value: JsonSchema) =>
  ({
    properties: figureChange(value, 'When the value applies in the world'),
    required: ['figureId', 'value', 'source', 'reportedAt', 'reason'],
  }) as const;

const SUPERSEDED_BY_THE_REAL_DEALS_MODEL = ' (superseded: the figures of the first model)';

const SUMMARIES = {
  DealRegistered: 'A deal was registered: its parties with their roles, site, commodities and source',
  InvestmentAnnounced: 'An investment was announced: investors, target, vehicle, amount, instruments, timeframe',
  OfftakeSigned: 'An offtake agreement was signed: buyers, seller, products, share of output and term (a text figure)',
  StakeDisclosed: 'A stake was disclosed, or declined (undisclosed)',
  CapacityReported: 'A capacity was reported for a facility and product',
  GovernmentSupportAnnounced: 'Government support was announced',
  MetricReported: 'Any other figure about the deal, named by a label',
  FigureRevised: 'The world changed: a source now reports a new value for a figure',
  FigureCorrected: 'Our record was wrong: the value the source reported, keyed right, with the reason',
};
const superseded = (summary: string) => `${summary}${SUPERSEDED_BY_THE_REAL_DEALS_MODEL}`;

/** An instrument's payload schema, derived from its fact kind's declaration (instruments/fact-kinds.ts). */
function instrumentSchema(kind: FactKind<object>): JsonSchema {
  const members = Object.entries(kind.members) as [string, MemberSpec<boolean>][];
  return {
    type: 'object',
    properties: Object.fromEntries(members.map(([member, spec]) => [member, memberSchema(spec)])),
    required: members.filter(([, spec]) => spec.required).map(([member]) => member),
    additionalProperties: false,
  };
}

function memberSchema(spec: MemberKind): JsonSchema {
  if ('party' in spec) return spec.party === 'one' ? id('A party of the deal') : listOf(id(), 'Party ids', 1);
  if ('choice' in spec) return oneOfValues(spec.choice);
  if ('text' in spec) return spec.text === 'one' ? text() : listOf(text(), undefined, 1);
  if ('figure' in spec) return { ...ref('FigureReportV2'), description: `A figure measured as ${spec.figure.join(' or ')}` };
  const where = Object.entries(spec.where ?? {}).map(([key, value]) => `${key}: ${String(value)}`);
  return id(`The id of a ${spec.figureOf} figure of the deal${where.length > 0 ? ` (${where.join(', ')})` : ''}`);
}

const INSTRUMENT_PAYLOADS = Object.fromEntries(
  INSTRUMENT_EVENT_TYPES.map((type) => [type, { summary: FACT_KINDS[type].summary, schema: instrumentSchema(FACT_KINDS[type]) }]),
) as { readonly [T in InstrumentEventType]: PayloadDefinition };

/** The payload (`data`) of every type a deal stream may hold: current and superseded versions. */
const PAYLOADS: { readonly [T in StoredDealEventType]: PayloadDefinition } = {
  ...INSTRUMENT_PAYLOADS,
  'DealRegistered.v2': { summary: SUMMARIES.DealRegistered, schema: payloadOf<'DealRegistered.v2'>()(dealRegistered(ref('PartyV2'))) },
  'InvestmentAnnounced.v2': {
    summary: SUMMARIES.InvestmentAnnounced,
    schema: payloadOf<'InvestmentAnnounced.v2'>()(investmentAnnounced(ref('FigureReportV2'))),
  },
  'OfftakeSigned.v3': { summary: SUMMARIES.OfftakeSigned, schema: payloadOf<'OfftakeSigned.v3'>()(offtakeSigned(ref('FigureReportV2'))) },
  'StakeDisclosed.v2': {
    summary: 'A stake was disclosed, or declined (undisclosed): what it is a share of, and whether it exists yet',
    schema: payloadOf<'StakeDisclosed.v2'>()({
      properties: {
        ...stakeMembers(ref('FigureReportV2')),
        basis: oneOfValues(STAKE_BASES, 'What the percentage is a share of; unspecified when the source did not say'),
        conditional: { type: 'boolean', description: 'True for a stake that exists only once a condition is met' },
        condition: text('What the stake depends on'),
        tranche: text('Names a stake held beside another of the same holder, target and basis'),
      },
      required: ['holder', 'target', 'stake', 'basis', 'conditional'],
    }),
  },
  'CapacityReported.v2': {
    summary: SUMMARIES.CapacityReported,
    schema: payloadOf<'CapacityReported.v2'>()(capacityReported(ref('FigureReportV2'))),
  },
  'GovernmentSupportAnnounced.v2': {
    summary: SUMMARIES.GovernmentSupportAnnounced,
    schema: payloadOf<'GovernmentSupportAnnounced.v2'>()(governmentSupportAnnounced(ref('FigureReportV2'))),
  },
  'MetricReported.v2': { summary: SUMMARIES.MetricReported, schema: payloadOf<'MetricReported.v2'>()(metricReported(ref('FigureReportV2'))) },
  'NoteRecorded.v1': {
    summary: 'A reported fact without a figure',
    schema: payloadOf<'NoteRecorded.v1'>()({
      properties: { noteId: id(), text: text(), source: ref('Source'), reportedAt: timestamp('When the source reported it') },
      required: ['noteId', 'text', 'source', 'reportedAt'],
    }),
  },
  'FigureRevised.v2': { summary: SUMMARIES.FigureRevised, schema: payloadOf<'FigureRevised.v2'>()(figureRevised(ref('FigureValueV2'))) },
  'FigureCorrected.v2': { summary: SUMMARIES.FigureCorrected, schema: payloadOf<'FigureCorrected.v2'>()(figureCorrected(ref('FigureValueV2'))) },
  'FigureStageReported.v1': {
    summary: 'An agreement or a facility moved on: a source reports the stage it now stands at (signed, drawn, operating…)',
    schema: payloadOf<'FigureStageReported.v1'>()({
      properties: {
        figureId: id(),
        stage: oneOfValues(STAGES),
        source: ref('Source'),
        reportedAt: timestamp('When the source reported it'),
        effectiveAt: timestamp('When the agreement or facility reached the stage'),
      },
      required: ['figureId', 'stage', 'source', 'reportedAt'],
    }),
  },
  'PartyJoinedDeal.v1': {
    summary: 'A party joined the deal after its registration, named in the deal’s words or by its registry id',
    schema: payloadOf<'PartyJoinedDeal.v1'>()({
      properties: { party: ref('PartyV2'), source: ref('Source'), reportedAt: timestamp('When the source reported it') },
      required: ['party', 'source', 'reportedAt'],
    }),
  },
  'DealLinked.v1': {
    summary: 'The deal is related to, amends, supersedes or is part of another deal on record (read from this deal’s side)',
    schema: payloadOf<'DealLinked.v1'>()({
      properties: {
        linkId: id(),
        relation: oneOfValues(DEAL_LINK_RELATIONS),
        targetDealId: id('The other deal'),
        source: ref('Source'),
        reportedAt: timestamp('When the source reported it'),
      },
      required: ['linkId', 'relation', 'targetDealId', 'source', 'reportedAt'],
    }),
  },
  'ReportRetracted.v1': {
    summary: 'The report is withdrawn: the figure no longer stands, its history does',
    schema: payloadOf<'ReportRetracted.v1'>()({
      properties: { figureId: id(), reason: text(), source: ref('Source'), reportedAt: timestamp('When the retraction was reported') },
      required: ['figureId', 'reason'],
    }),
  },

  'DealRegistered.v1': {
    summary: 'A deal was registered: its parties with their roles, site, commodities and source (superseded: fewer party roles)',
    schema: payloadOf<'DealRegistered.v1'>()(dealRegistered(ref('Party'))),
  },
  'InvestmentAnnounced.v1': {
    summary: superseded(SUMMARIES.InvestmentAnnounced),
    schema: payloadOf<'InvestmentAnnounced.v1'>()(investmentAnnounced(ref('FigureReport'))),
  },
  'OfftakeSigned.v1': {
    summary: 'An offtake agreement was signed (superseded: the term was a plain string)',
    schema: payloadOf<'OfftakeSigned.v1'>()({
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
  'OfftakeSigned.v2': { summary: superseded(SUMMARIES.OfftakeSigned), schema: payloadOf<'OfftakeSigned.v2'>()(offtakeSigned(ref('FigureReport'))) },
  'StakeDisclosed.v1': {
    summary: 'A stake was disclosed, or declined (undisclosed) (superseded: no basis, no condition)',
    schema: payloadOf<'StakeDisclosed.v1'>()({ properties: stakeMembers(ref('FigureReport')), required: ['holder', 'target', 'stake'] }),
  },
  'CapacityReported.v1': {
    summary: superseded(SUMMARIES.CapacityReported),
    schema: payloadOf<'CapacityReported.v1'>()(capacityReported(ref('FigureReport'))),
  },
  'GovernmentSupportAnnounced.v1': {
    summary: superseded(SUMMARIES.GovernmentSupportAnnounced),
    schema: payloadOf<'GovernmentSupportAnnounced.v1'>()(governmentSupportAnnounced(ref('FigureReport'))),
  },
  'MetricReported.v1': { summary: superseded(SUMMARIES.MetricReported), schema: payloadOf<'MetricReported.v1'>()(metricReported(ref('FigureReport'))) },
  'FigureRevised.v1': { summary: superseded(SUMMARIES.FigureRevised), schema: payloadOf<'FigureRevised.v1'>()(figureRevised(ref('FigureValue'))) },
  'FigureCorrected.v1': { summary: superseded(SUMMARIES.FigureCorrected), schema: payloadOf<'FigureCorrected.v1'>()(figureCorrected(ref('FigureValue'))) },
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
    definitions: definitionsReferencedBy(definition.schema),
  };
}

/**
 * The shared definitions a schema refers to, directly or through one another: a v1
 * document carries the v1 definitions only, so it reads as it did when it was published.
 */
function definitionsReferencedBy(schema: JsonSchema): Partial<typeof SHARED_DEFINITIONS> {
  const found = new Set<SharedDefinitionName>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFINITIONS_PREFIX)) {
        const name = value.slice(DEFINITIONS_PREFIX.length) as SharedDefinitionName;
        if (!found.has(name)) {
          found.add(name);
          visit(SHARED_DEFINITIONS[name]);
        }
      } else visit(value);
    }
  };
  visit(schema);
  // In the order SHARED_DEFINITIONS lists them, whatever order the references came in.
  return Object.fromEntries(Object.entries(SHARED_DEFINITIONS).filter(([name]) => found.has(name as SharedDefinitionName)));
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
