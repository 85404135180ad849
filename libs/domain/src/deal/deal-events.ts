import type { FigureReport, FigureValue, Source } from '../values/figure.js';

/**
 * The events of a deal stream. Each `type` is the explicit, versioned wire name stored
 * in the event store; it is never derived from a class name. A breaking change to a
 * payload is a new version (`….v2`) plus an upcaster, never an edit of an old shape.
 */

export const PARTY_ROLES = ['investor', 'target', 'parent', 'vehicle', 'government', 'buyer', 'seller'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const PARTY_KINDS = ['company', 'state_agency', 'government', 'joint_venture', 'person', 'other'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export interface Party {
  partyId: string;
  name: string;
  kind: PartyKind;
  roles: PartyRole[];
  /** ISO 3166-1 alpha-2, when known. */
  country?: string;
}

export interface DealRegisteredV1 {
  dealId: string;
  title: string;
  parties: Party[];
  site?: string;
  commodities: string[];
  source: Source;
  reportedAt: string;
}

export interface InvestmentAnnouncedV1 {
  investors: string[];
  target: string;
  vehicle?: string;
  amount: FigureReport;
  /** As reported: "equity", "debt". */
  instruments: string[];
  timeframe?: FigureReport;
}

/** Superseded by OfftakeSigned.v2; stored v1 events are read as v2 (see offtake-term.ts). */
export interface OfftakeSignedV1 {
  buyers: string[];
  seller: string;
  products: string[];
  /** Share of the seller's output the buyers take (percentage). */
  share: FigureReport;
  /** As reported: "long-term". */
  term?: string;
}

/**
 * v2: the term is a reported figure like any other (measured in words), so that it can be
 * revised, corrected, retracted or reported as undisclosed, each by its own `figureId`.
 */
export interface OfftakeSignedV2 {
  buyers: string[];
  seller: string;
  products: string[];
  /** Share of the seller's output the buyers take (percentage). */
  share: FigureReport;
  /** The agreement's term, measured as `text` ("long-term"). */
  term?: FigureReport;
}

export interface StakeDisclosedV1 {
  holder: string;
  target: string;
  /** Percentage held; `undisclosed` when the holder declined to say. */
  stake: FigureReport;
}

export interface CapacityReportedV1 {
  facility: string;
  product: string;
  capacity: FigureReport;
}

export interface GovernmentSupportAnnouncedV1 {
  government: string;
  recipient: string;
  amount: FigureReport;
  /** As reported: "financial support", "investment". */
  form?: string;
}

/** Any other reported figure about the deal, named by a label. */
export interface MetricReportedV1 {
  label: string;
  subject?: string;
  metric: FigureReport;
}

/** A reported fact without a figure (context an auditor needs). */
export interface NoteRecordedV1 {
  noteId: string;
  text: string;
  source: Source;
  reportedAt: string;
}

/** The world changed: a source now reports a new value. */
export interface FigureRevisedV1 {
  figureId: string;
  value: FigureValue;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
  reason?: string;
}

/** Our record was wrong: the value the source reported was keyed or read wrongly. */
export interface FigureCorrectedV1 {
  figureId: string;
  value: FigureValue;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
  reason: string;
}

/** The report is withdrawn: the figure no longer stands, though its history does. */
export interface ReportRetractedV1 {
  figureId: string;
  reason: string;
  source?: Source;
  reportedAt?: string;
}

export type DealEvent =
  | { type: 'DealRegistered.v1'; data: DealRegisteredV1 }
  | { type: 'InvestmentAnnounced.v1'; data: InvestmentAnnouncedV1 }
  | { type: 'OfftakeSigned.v2'; data: OfftakeSignedV2 }
  | { type: 'StakeDisclosed.v1'; data: StakeDisclosedV1 }
  | { type: 'CapacityReported.v1'; data: CapacityReportedV1 }
  | { type: 'GovernmentSupportAnnounced.v1'; data: GovernmentSupportAnnouncedV1 }
  | { type: 'MetricReported.v1'; data: MetricReportedV1 }
  | { type: 'NoteRecorded.v1'; data: NoteRecordedV1 }
  | { type: 'FigureRevised.v1'; data: FigureRevisedV1 }
  | { type: 'FigureCorrected.v1'; data: FigureCorrectedV1 }
  | { type: 'ReportRetracted.v1'; data: ReportRetractedV1 };

export type DealEventType = DealEvent['type'];

/** The types the deciders write now: what subscribers receive, whatever version was stored. */
export const CURRENT_DEAL_EVENT_TYPES: readonly DealEventType[] = [
  'DealRegistered.v1',
  'InvestmentAnnounced.v1',
  'OfftakeSigned.v2',
  'StakeDisclosed.v1',
  'CapacityReported.v1',
  'GovernmentSupportAnnounced.v1',
  'MetricReported.v1',
  'NoteRecorded.v1',
  'FigureRevised.v1',
  'FigureCorrected.v1',
  'ReportRetracted.v1',
];

/**
 * Older versions that deal streams may still hold, each with the current type its
 * upcaster (event-codec.ts) reads it as. Never written any more.
 */
export const SUPERSEDED_DEAL_EVENT_TYPES = {
  'OfftakeSigned.v1': 'OfftakeSigned.v2',
} as const satisfies Readonly<Record<string, DealEventType>>;

export type SupersededDealEventType = keyof typeof SUPERSEDED_DEAL_EVENT_TYPES;

/** Every type a deal stream may hold, current or superseded: what projections of deal events handle. */
export const DEAL_EVENT_TYPES: readonly string[] = [...CURRENT_DEAL_EVENT_TYPES, ...Object.keys(SUPERSEDED_DEAL_EVENT_TYPES)];

/** True for the current types only: a superseded type is read through its upcaster first. */
export function isDealEventType(type: string): type is DealEventType {
  return (CURRENT_DEAL_EVENT_TYPES as readonly string[]).includes(type);
}
