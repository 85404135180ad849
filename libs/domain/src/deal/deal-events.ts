import type { FigureReport, FigureReportV1, FigureValue, FigureValueV1, Source, Stage } from '../values/figure.js';
import { INSTRUMENT_EVENT_TYPES, type InstrumentEvent } from './instruments/instrument-events.js';

/**
 * The events of a deal stream. Each `type` is the explicit, versioned wire name stored
 * in the event store; it is never derived from a class name. A breaking change to a
 * payload is a new version (`….v2`) plus an upcaster, never an edit of an old shape.
 */

/** The roles a party could hold before the real-deals model (frozen: DealRegistered.v1 holds them). */
export const PARTY_ROLES_V1 = ['investor', 'target', 'parent', 'vehicle', 'government', 'buyer', 'seller'] as const;
export const PARTY_ROLES = [...PARTY_ROLES_V1, 'lender', 'arranger', 'guarantor', 'offtaker'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const PARTY_KINDS = ['company', 'state_agency', 'government', 'joint_venture', 'person', 'other'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

interface PartyOf<Role extends string> {
  partyId: string;
  name: string;
  kind: PartyKind;
  roles: Role[];
  /** ISO 3166-1 alpha-2, when known. */
  country?: string;
}
export type PartyV1 = PartyOf<(typeof PARTY_ROLES_V1)[number]>;

/** A party as a deal names it: the name and kind are the deal's own words, or the registry's. */
export interface Party extends PartyOf<PartyRole> {
  /** True when `partyId` is a party of the registry (`/parties/:partyId`) at the time the deal named it. */
  registered?: boolean;
}

/*
 * Each payload's shape is written once, over the report it carries: its `…V1` type holds
 * the frozen v1 figures (FigureReportV1), the current one the figures of the real-deals
 * model. A v1 payload is a valid current payload, so v1 is read as the current version
 * as it is (event-codec.ts).
 */

interface DealRegistered<P> {
  dealId: string;
  title: string;
  parties: P[];
  site?: string;
  commodities: string[];
  source: Source;
  reportedAt: string;
}
export type DealRegisteredV1 = DealRegistered<PartyV1>;
export type DealRegisteredV2 = DealRegistered<Party>;

interface InvestmentAnnounced<R> {
  investors: string[];
  target: string;
  vehicle?: string;
  amount: R;
  /** As reported: "equity", "debt". */
  instruments: string[];
  timeframe?: R;
}
export type InvestmentAnnouncedV1 = InvestmentAnnounced<FigureReportV1>;
export type InvestmentAnnouncedV2 = InvestmentAnnounced<FigureReport>;

/** Superseded by OfftakeSigned.v2; stored v1 events are read as v2 (see offtake-term.ts). */
export interface OfftakeSignedV1 {
  buyers: string[];
  seller: string;
  products: string[];
  /** Share of the seller's output the buyers take (percentage). */
  share: FigureReportV1;
  /** As reported: "long-term". */
  term?: string;
}

/**
 * v2: the term is a reported figure like any other (measured in words), so that it can be
 * revised, corrected, retracted or reported as undisclosed, each by its own `figureId`.
 */
interface OfftakeSigned<R> {
  buyers: string[];
  seller: string;
  products: string[];
  /** Share of the seller's output the buyers take (percentage). */
  share: R;
  /** The agreement's term, measured as `text` ("long-term"). */
  term?: R;
}
export type OfftakeSignedV2 = OfftakeSigned<FigureReportV1>;
export type OfftakeSignedV3 = OfftakeSigned<FigureReport>;

export interface StakeDisclosedV1 {
  holder: string;
  target: string;
  /** Percentage held; `undisclosed` when the holder declined to say. */
  stake: FigureReportV1;
}

/** What a percentage held is a share of. `unspecified`: the source did not say (every v1 stake). */
export const STAKE_BASES = ['outstanding', 'fully_diluted', 'as_converted', 'voting', 'unspecified'] as const;
export type StakeBasis = (typeof STAKE_BASES)[number];

/**
 * v2: what the stake is a share of, and whether it exists yet ("about 15 % once converted
 * and exercised" is conditional). One stake stands per holder, target, basis and condition;
 * a second one is a revision of it, or a tranche named as such.
 */
export interface StakeDisclosedV2 {
  holder: string;
  target: string;
  stake: FigureReport;
  basis: StakeBasis;
  conditional: boolean;
  /** What the stake depends on, in words ("once the preferred shares are converted"). */
  condition?: string;
  /** Names a stake held beside another of the same holder, target and basis ("second tranche"). */
  tranche?: string;
}

interface CapacityReported<R> {
  facility: string;
  product: string;
  capacity: R;
}
export type CapacityReportedV1 = CapacityReported<FigureReportV1>;
export type CapacityReportedV2 = CapacityReported<FigureReport>;

interface GovernmentSupportAnnounced<R> {
  government: string;
  recipient: string;
  amount: R;
  /** As reported: "financial support", "investment". */
  form?: string;
}
export type GovernmentSupportAnnouncedV1 = GovernmentSupportAnnounced<FigureReportV1>;
export type GovernmentSupportAnnouncedV2 = GovernmentSupportAnnounced<FigureReport>;

/** Any other reported figure about the deal, named by a label. */
interface MetricReported<R> {
  label: string;
  subject?: string;
  metric: R;
}
export type MetricReportedV1 = MetricReported<FigureReportV1>;
export type MetricReportedV2 = MetricReported<FigureReport>;

/** A reported fact without a figure (context an auditor needs). */
export interface NoteRecordedV1 {
  noteId: string;
  text: string;
  source: Source;
  reportedAt: string;
}

/** The world changed: a source now reports a new value. */
interface FigureRevised<V> {
  figureId: string;
  value: V;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
  reason?: string;
}
export type FigureRevisedV1 = FigureRevised<FigureValueV1>;
export type FigureRevisedV2 = FigureRevised<FigureValue>;

/** Our record was wrong: the value the source reported was keyed or read wrongly. */
interface FigureCorrected<V> {
  figureId: string;
  value: V;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
  reason: string;
}
export type FigureCorrectedV1 = FigureCorrected<FigureValueV1>;
export type FigureCorrectedV2 = FigureCorrected<FigureValue>;

/**
 * Where an agreement or a facility now stands, as a source reports it: signed, drawn,
 * operating. The figure's value stays; its history gains the step.
 */
export interface FigureStageReportedV1 {
  figureId: string;
  stage: Stage;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
}

/** A party joined the deal after its registration (a bank that financed it, a later buyer). */
export interface PartyJoinedDealV1 {
  party: Party;
  source: Source;
  reportedAt: string;
}

export const DEAL_LINK_RELATIONS = ['related', 'amends', 'supersedes', 'part_of'] as const;
export type DealLinkRelation = (typeof DEAL_LINK_RELATIONS)[number];

/**
 * This deal stands in `relation` to another deal on record: it amends or supersedes it, is
 * part of it, or is only related to it (the same project). Read from this deal's side:
 * "this deal supersedes `targetDealId`".
 */
export interface DealLinkedV1 {
  linkId: string;
  relation: DealLinkRelation;
  targetDealId: string;
  source: Source;
  reportedAt: string;
}

/** The report is withdrawn: the figure no longer stands, though its history does. */
export interface ReportRetractedV1 {
  figureId: string;
  reason: string;
  source?: Source;
  reportedAt?: string;
}

export type DealEvent =
  | { type: 'DealRegistered.v2'; data: DealRegisteredV2 }
  | { type: 'InvestmentAnnounced.v2'; data: InvestmentAnnouncedV2 }
  | { type: 'OfftakeSigned.v3'; data: OfftakeSignedV3 }
  | { type: 'StakeDisclosed.v2'; data: StakeDisclosedV2 }
  | { type: 'CapacityReported.v2'; data: CapacityReportedV2 }
  | { type: 'GovernmentSupportAnnounced.v2'; data: GovernmentSupportAnnouncedV2 }
  | { type: 'MetricReported.v2'; data: MetricReportedV2 }
  | { type: 'NoteRecorded.v1'; data: NoteRecordedV1 }
  | { type: 'FigureRevised.v2'; data: FigureRevisedV2 }
  | { type: 'FigureCorrected.v2'; data: FigureCorrectedV2 }
  | { type: 'ReportRetracted.v1'; data: ReportRetractedV1 }
  | { type: 'FigureStageReported.v1'; data: FigureStageReportedV1 }
  | { type: 'PartyJoinedDeal.v1'; data: PartyJoinedDealV1 }
  | { type: 'DealLinked.v1'; data: DealLinkedV1 }
  | InstrumentEvent;

/** The payloads of the versions deal streams may still hold, read through upcasters. */
export interface SupersededPayloads {
  'DealRegistered.v1': DealRegisteredV1;
  'InvestmentAnnounced.v1': InvestmentAnnouncedV1;
  'OfftakeSigned.v1': OfftakeSignedV1;
  'OfftakeSigned.v2': OfftakeSignedV2;
  'StakeDisclosed.v1': StakeDisclosedV1;
  'CapacityReported.v1': CapacityReportedV1;
  'GovernmentSupportAnnounced.v1': GovernmentSupportAnnouncedV1;
  'MetricReported.v1': MetricReportedV1;
  'FigureRevised.v1': FigureRevisedV1;
  'FigureCorrected.v1': FigureCorrectedV1;
}

export type DealEventType = DealEvent['type'];

/** The types the deciders write now: what subscribers receive, whatever version was stored. */
export const CURRENT_DEAL_EVENT_TYPES: readonly DealEventType[] = [
  'DealRegistered.v2',
  'InvestmentAnnounced.v2',
  'OfftakeSigned.v3',
  'StakeDisclosed.v2',
  'CapacityReported.v2',
  'GovernmentSupportAnnounced.v2',
  'MetricReported.v2',
  'NoteRecorded.v1',
  'FigureRevised.v2',
  'FigureCorrected.v2',
  'ReportRetracted.v1',
  'FigureStageReported.v1',
  'PartyJoinedDeal.v1',
  'DealLinked.v1',
  ...INSTRUMENT_EVENT_TYPES,
];

/**
 * Older versions that deal streams may still hold, each with the current type its chain
 * of upcasters (event-codec.ts) reads it as. Never written any more.
 */
export const SUPERSEDED_DEAL_EVENT_TYPES = {
  'DealRegistered.v1': 'DealRegistered.v2',
  'InvestmentAnnounced.v1': 'InvestmentAnnounced.v2',
  'OfftakeSigned.v1': 'OfftakeSigned.v3',
  'OfftakeSigned.v2': 'OfftakeSigned.v3',
  'StakeDisclosed.v1': 'StakeDisclosed.v2',
  'CapacityReported.v1': 'CapacityReported.v2',
  'GovernmentSupportAnnounced.v1': 'GovernmentSupportAnnounced.v2',
  'MetricReported.v1': 'MetricReported.v2',
  'FigureRevised.v1': 'FigureRevised.v2',
  'FigureCorrected.v1': 'FigureCorrected.v2',
} as const satisfies { readonly [T in keyof SupersededPayloads]: DealEventType };

export type SupersededDealEventType = keyof typeof SUPERSEDED_DEAL_EVENT_TYPES;

/** Every type a deal stream may hold, current or superseded: what projections of deal events handle. */
export const DEAL_EVENT_TYPES: readonly string[] = [...CURRENT_DEAL_EVENT_TYPES, ...Object.keys(SUPERSEDED_DEAL_EVENT_TYPES)];

/** True for the current types only: a superseded type is read through its upcaster first. */
export function isDealEventType(type: string): type is DealEventType {
  return (CURRENT_DEAL_EVENT_TYPES as readonly string[]).includes(type);
}
