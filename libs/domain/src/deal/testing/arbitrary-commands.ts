import fc from 'fast-check';
import {
  DATE_PRECISIONS,
  DURATION_UNITS,
  MEASURE_KINDS,
  RANGE_MAX_QUALIFIERS,
  RANGE_MIN_QUALIFIERS,
  STAGES,
  type Conversion,
  type DatePrecision,
  type Estimate,
  type FigureReport,
  type FigureValue,
  type MeasureKind,
  type Qualifier,
  type Source,
} from '../../values/figure.js';
import { DATE_EXAMPLES, parsePartialDate } from '../../values/partial-date.js';
import { RATE_PERIODS, UNITS } from '../../values/units.js';
import type { DealCommand } from '../deal-commands.js';
import { withoutUndefined } from '../../values/without-undefined.js';
import { DEAL_LINK_RELATIONS, PARTY_KINDS, PARTY_ROLES, STAKE_BASES, type Party, type PartyRole } from '../deal-events.js';
import type { KnownReferences } from '../decision-context.js';
import type { FactKind, MemberKind, MemberSpec } from '../instruments/fact-kind.js';
import { FACT_KINDS } from '../instruments/fact-kinds.js';
import { INSTRUMENT_COMMANDS, type InstrumentCommandType } from '../instruments/instrument-events.js';

/**
 * Test-only: fast-check arbitraries for histories of commands on one deal that the rules
 * mostly accept (parties on the deal, measures each fact requires, values that obey the
 * qualifier rules), so that properties see every event type with varied optional members.
 * A command the rules refuse is simply skipped by whoever decides them.
 */

export const ARBITRARY_DEAL_ID = 'prop-deal';

const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0);
const id = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}$/);
const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
const timestamp = fc.tuple(day, fc.boolean()).map(([d, withTime]) => (withTime ? d.toISOString() : d.toISOString().slice(0, 10)));
const decimal = fc.tuple(fc.integer({ min: 0, max: 1_000_000_000 }), fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }))
  .map(([whole, cents]) => (cents === undefined ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`));
const percentage = fc.integer({ min: 0, max: 10_000 }).map((n) => (n / 100).toFixed(2));
const currency = fc.constantFrom('EUR', 'USD', 'JPY', 'GBP');
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const pointQualifier = fc.constantFrom<Qualifier>('exact', 'up_to', 'at_most', 'at_least', 'more_than', 'about');
const tableUnit = fc.constantFrom(...UNITS.map((unit) => unit.symbol));

export const source: fc.Arbitrary<Source> = fc
  .record({
    publisher: text,
    title: optional(text),
    url: optional(fc.webUrl({ validSchemes: ['https', 'http'] })),
    publishedAt: optional(timestamp),
    attribution: optional(text),
    tier: fc.constantFrom('primary' as const, 'secondary' as const),
    citedBy: optional(text),
  })
  .map(withoutUndefined);

const note = optional(text);

const conversionFrom = (figureCurrency: string): fc.Arbitrary<Conversion> =>
  fc
    .tuple(currency.filter((c) => c !== figureCurrency), decimal, percentage.filter((rate) => Number(rate) > 0), fc.boolean(), optional(text))
    .map(([other, amount, rate, baseIsFigure, convertedBy]) =>
      withoutUndefined({
        currency: other,
        amount,
        rate: baseIsFigure ? { base: figureCurrency, quote: other, value: rate } : { base: other, quote: figureCurrency, value: rate },
        convertedBy,
      }),
    );

/** A point, or a range in order by `order` (numbers by default), its bounds sometimes qualified. */
const amountOrRange = (amount: fc.Arbitrary<string>, order: (a: string) => number = Number) =>
  fc.oneof(
    fc.tuple(pointQualifier, amount).map(([qualifier, a]) => ({ qualifier, amount: a })),
    fc.tuple(amount, amount, optional(fc.constantFrom(...RANGE_MIN_QUALIFIERS)), optional(fc.constantFrom(...RANGE_MAX_QUALIFIERS))).map(([a, b, minQualifier, maxQualifier]) =>
      withoutUndefined({ qualifier: 'range' as const, min: order(a) <= order(b) ? a : b, max: order(a) <= order(b) ? b : a, minQualifier, maxQualifier }),
    ),
  );

const undisclosed = fc.constantFrom<Qualifier>('undisclosed', 'withheld');

/** Now and then an estimate in place of a reported value (never on an undisclosed one). */
export const estimate: fc.Arbitrary<Estimate | undefined> = optional(fc.record({ by: text, basis: optional(text) }).map(withoutUndefined));

const wholeNumber = fc.integer({ min: 0, max: 1_000_000_000 }).map(String);
const positiveDecimal = decimal.filter((amount) => Number(amount) > 0);

/** A real calendar date in the grammar of `precision`, within the years the other arbitraries use. */
export const partialDate = (precision: DatePrecision): fc.Arbitrary<string> =>
  day.map((d) => {
    const iso = d.toISOString();
    switch (precision) {
      case 'year':
        return iso.slice(0, 4);
      case 'quarter':
        return `${iso.slice(0, 4)}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
      case 'month':
        return iso.slice(0, 7);
      case 'day':
        return iso.slice(0, 10);
    }
  });
const firstDay = (precision: DatePrecision) => (date: string) => Number((parsePartialDate(date, precision)?.first ?? DATE_EXAMPLES[precision]).replace(/-/g, ''));

/** A value of each measure kind, obeying the qualifier rules. */
export const valueOf: Record<MeasureKind, fc.Arbitrary<FigureValue>> = {
  money: currency.chain((c) =>
    fc.oneof(
      fc.tuple(amountOrRange(decimal), fc.array(conversionFrom(c), { maxLength: 2 }), note).map(([a, conversions, n]) =>
        withoutUndefined({ measure: { kind: 'money' as const, currency: c }, ...a, conversions: conversions.length > 0 ? conversions : undefined, note: n }),
      ),
      fc.tuple(undisclosed, note).map(([qualifier, n]) => withoutUndefined({ measure: { kind: 'money' as const, currency: c }, qualifier, note: n })),
    ),
  ),
  percentage: fc.oneof(
    fc.tuple(amountOrRange(percentage), note).map(([a, n]) => withoutUndefined({ measure: { kind: 'percentage' as const }, ...a, note: n })),
    fc.tuple(undisclosed, note).map(([qualifier, n]) => withoutUndefined({ measure: { kind: 'percentage' as const }, qualifier, note: n })),
  ),
  quantity: fc.tuple(tableUnit, optional(fc.constantFrom(...RATE_PERIODS)), fc.oneof(amountOrRange(decimal), undisclosed.map((qualifier) => ({ qualifier }))), note).map(
    ([unit, per, a, n]) => withoutUndefined({ measure: withoutUndefined({ kind: 'quantity' as const, unit, per }), ...a, note: n }),
  ),
  unit_price: fc.tuple(currency, tableUnit).chain(([c, unit]) =>
    fc.oneof(
      fc.tuple(amountOrRange(decimal), fc.array(conversionFrom(c), { maxLength: 2 }), note, estimate).map(([a, conversions, n, e]) =>
        withoutUndefined({ measure: { kind: 'unit_price' as const, currency: c, unit }, ...a, conversions: conversions.length > 0 ? conversions : undefined, note: n, estimate: e }),
      ),
      fc.tuple(undisclosed, note).map(([qualifier, n]) => withoutUndefined({ measure: { kind: 'unit_price' as const, currency: c, unit }, qualifier, note: n })),
    ),
  ),
  count: fc.tuple(optional(text), fc.oneof(amountOrRange(wholeNumber), undisclosed.map((qualifier) => ({ qualifier }))), note).map(([of, a, n]) =>
    withoutUndefined({ measure: withoutUndefined({ kind: 'count' as const, of }), ...a, note: n }),
  ),
  duration: fc.tuple(fc.constantFrom(...DURATION_UNITS), fc.oneof(amountOrRange(positiveDecimal), undisclosed.map((qualifier) => ({ qualifier }))), note, estimate).map(
    ([unit, a, n, e]) => withoutUndefined({ measure: { kind: 'duration' as const, unit }, ...a, note: n, estimate: a.qualifier === 'undisclosed' || a.qualifier === 'withheld' ? undefined : e }),
  ),
  date: fc.constantFrom(...DATE_PRECISIONS).chain((precision) =>
    fc.tuple(fc.oneof(amountOrRange(partialDate(precision), firstDay(precision)), undisclosed.map((qualifier) => ({ qualifier }))), note).map(([a, n]) =>
      withoutUndefined({ measure: { kind: 'date' as const, precision }, ...a, note: n }),
    ),
  ),
  text: fc.oneof(
    fc.tuple(fc.constantFrom<Qualifier>('exact', 'about'), text, note).map(([qualifier, words, n]) => withoutUndefined({ measure: { kind: 'text' as const }, qualifier, text: words, note: n })),
    fc.tuple(undisclosed, note).map(([qualifier, n]) => withoutUndefined({ measure: { kind: 'text' as const }, qualifier, note: n })),
  ),
};

const reportOf = (kind: MeasureKind): fc.Arbitrary<FigureReport> =>
  fc.record({ figureId: id, value: valueOf[kind], source, reportedAt: timestamp, effectiveAt: optional(timestamp) }).map(withoutUndefined);

const anyKind = fc.constantFrom<MeasureKind>(...MEASURE_KINDS);

/** The deal the generated links point at: a test that records links registers it first. */
export const ARBITRARY_OTHER_DEAL_ID = 'prop-other-deal';
/** A party of the registry that generated commands may name by its id alone. */
export const ARBITRARY_REGISTERED_PARTY_ID = 'prop-registered-party';

/** What a decision is told the other streams hold, for the generated commands that name them. */
export const ARBITRARY_REFERENCES: KnownReferences = {
  deals: new Set([ARBITRARY_OTHER_DEAL_ID]),
  parties: new Map([[ARBITRARY_REGISTERED_PARTY_ID, { name: 'A registered party', kind: 'company' }]]),
};

const partyOfDeal: fc.Arbitrary<Party> = fc
  .record({
    partyId: id,
    name: text,
    kind: fc.constantFrom(...PARTY_KINDS),
    roles: fc.uniqueArray(fc.constantFrom(...PARTY_ROLES), { maxLength: 3 }),
    country: optional(fc.constantFrom('FR', 'JP', 'DE')),
  })
  .map((party) => withoutUndefined(party) as Party);

export const registration: fc.Arbitrary<DealCommand> = fc
  .record({
    title: text,
    parties: fc.uniqueArray(partyOfDeal, { minLength: 2, maxLength: 5, selector: (party) => party.partyId }),
    site: optional(text),
    commodities: fc.array(text, { maxLength: 3 }),
    source,
    reportedAt: timestamp,
  })
  .map((fields) => withoutUndefined({ type: 'RegisterDeal' as const, dealId: ARBITRARY_DEAL_ID, ...fields }));

/** One later command; party and figure picks are indices, resolved against the deal as it stands. */
export type Step = (parties: readonly string[], figures: ReadonlyMap<string, MeasureKind>) => DealCommand | undefined;

const pick = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);
const on = { dealId: ARBITRARY_DEAL_ID };

const restatement = fc.record({ figure: fc.nat(), values: fc.record(valueOf), source, reportedAt: timestamp, effectiveAt: optional(timestamp) });

export const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ i: fc.nat(), t: fc.nat(), v: optional(fc.nat()), amount: reportOf('money'), timeframe: optional(reportOf('text')), instruments: fc.array(text, { maxLength: 2 }) })
    .map((r): Step => (parties) => withoutUndefined({ type: 'AnnounceInvestment' as const, ...on, investors: [pick(parties, r.i)!], target: pick(parties, r.t)!, vehicle: r.v === undefined ? undefined : pick(parties, r.v), amount: r.amount, timeframe: r.timeframe, instruments: r.instruments })),
  fc.record({ b: fc.nat(), s: fc.nat(), products: fc.array(text, { maxLength: 2 }), share: reportOf('percentage'), term: optional(text) })
    .map((r): Step => (parties) => withoutUndefined({ type: 'SignOfftake' as const, ...on, buyers: [pick(parties, r.b)!], seller: pick(parties, r.s)!, products: r.products, share: r.share, term: r.term })),
  fc.record({ h: fc.nat(), t: fc.nat(), stake: reportOf('percentage'), basis: optional(fc.constantFrom(...STAKE_BASES)), conditional: optional(fc.boolean()), tranche: optional(text) })
    .map((r): Step => (parties) => withoutUndefined({ type: 'DiscloseStake' as const, ...on, holder: pick(parties, r.h)!, target: pick(parties, r.t)!, stake: r.stake, basis: r.basis, conditional: r.conditional, tranche: r.tranche })),
  fc.record({ facility: text, product: text, capacity: reportOf('quantity') })
    .map((r): Step => () => ({ type: 'ReportCapacity', ...on, ...r })),
  fc.record({ g: fc.nat(), r: fc.nat(), amount: reportOf('money'), form: optional(text) })
    .map((r): Step => (parties) => withoutUndefined({ type: 'AnnounceGovernmentSupport' as const, ...on, government: pick(parties, r.g)!, recipient: pick(parties, r.r)!, amount: r.amount, form: r.form })),
  fc.record({ label: text, s: optional(fc.nat()), metric: anyKind.chain(reportOf) })
    .map((r): Step => (parties) => withoutUndefined({ type: 'ReportMetric' as const, ...on, label: r.label, subject: r.s === undefined ? undefined : pick(parties, r.s), metric: r.metric })),
  fc.record({ noteId: id, text, source, reportedAt: timestamp })
    .map((r): Step => () => ({ type: 'RecordNote', ...on, ...r })),
  fc.record({ party: fc.oneof(partyOfDeal, fc.record({ partyId: fc.constant(ARBITRARY_REGISTERED_PARTY_ID), roles: fc.constant<PartyRole[]>(['lender']) })), source, reportedAt: timestamp })
    .map((r): Step => () => ({ type: 'JoinDeal', ...on, ...r })),
  fc.record({ linkId: id, relation: fc.constantFrom(...DEAL_LINK_RELATIONS), source, reportedAt: timestamp })
    .map((r): Step => () => ({ type: 'LinkDeal', ...on, ...r, targetDealId: ARBITRARY_OTHER_DEAL_ID })),
  fc.tuple(fc.boolean(), restatement, optional(text)).map(([revise, r, reason]): Step => (_parties, figures) => {
    const figureId = pick([...figures.keys()], r.figure);
    if (figureId === undefined) return undefined;
    const restated = withoutUndefined({ ...on, figureId, value: r.values[figures.get(figureId)!], source: r.source, reportedAt: r.reportedAt, effectiveAt: r.effectiveAt });
    return revise ? withoutUndefined({ type: 'ReviseFigure' as const, ...restated, reason }) : { type: 'CorrectFigure', ...restated, reason: reason ?? 'mis-keyed' };
  }),
  fc.record({ figure: fc.nat(), reason: text, source: optional(source), reportedAt: optional(timestamp) }).map((r): Step => (_parties, figures) => {
    const figureId = pick([...figures.keys()], r.figure);
    return figureId === undefined ? undefined : withoutUndefined({ type: 'RetractReport' as const, ...on, figureId, reason: r.reason, source: r.source, reportedAt: r.reportedAt });
  }),
  fc.record({ figure: fc.nat(), stage: fc.constantFrom(...STAGES), source, reportedAt: timestamp, effectiveAt: optional(timestamp) }).map((r): Step => (_parties, figures) => {
    const figureId = pick([...figures.keys()], r.figure);
    return figureId === undefined ? undefined : withoutUndefined({ type: 'ReportStage' as const, ...on, figureId, stage: r.stage, source: r.source, reportedAt: r.reportedAt, effectiveAt: r.effectiveAt });
  }),
  ...Object.entries(INSTRUMENT_COMMANDS).map(([command, eventType]) => instrumentStep(command as InstrumentCommandType, FACT_KINDS[eventType])),
);

/** Any instrument's command, from its fact kind's declaration: every member it requires, optional ones half the time. */
function instrumentStep(command: InstrumentCommandType, kind: FactKind<object>): fc.Arbitrary<Step> {
  const members = Object.entries(kind.members) as [string, MemberSpec<boolean>][];
  const memberArbitraries = members.map(([member, spec]) => {
    const present = spec.required ? fc.constant(true) : fc.boolean();
    return fc.tuple(present, memberValue(spec)).map(([given, value]) => [member, given ? value : undefined] as const);
  });
  return fc.tuple(...memberArbitraries).map((picked): Step => (parties, figures) => {
    const fields = Object.fromEntries(picked.map(([member, value]) => [member, typeof value === 'function' ? value(parties, [...figures.keys()]) : value]));
    return withoutUndefined({ type: command, ...on, ...fields }) as unknown as DealCommand;
  });
}

type Resolved = (parties: readonly string[], figureIds: readonly string[]) => unknown;

function memberValue(spec: MemberKind): fc.Arbitrary<unknown | Resolved> {
  if ('party' in spec) return fc.nat().map((i): Resolved => (parties) => (spec.party === 'one' ? pick(parties, i) : [pick(parties, i)]));
  if ('choice' in spec) return fc.constantFrom(...spec.choice);
  if ('text' in spec) return spec.text === 'one' ? text : fc.array(text, { minLength: 1, maxLength: 2 });
  if ('figure' in spec) return fc.constantFrom(...spec.figure).chain(reportOf);
  return fc.nat().map((i): Resolved => (_parties, figureIds) => pick(figureIds, i));
}
