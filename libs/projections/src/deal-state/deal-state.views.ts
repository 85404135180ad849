import type { DealLinkRelation, FigureChangeKind, FigureFact, FigureStatus, FigureValue, Party, Source, Stage } from '#domain';
import type { KeysetPage } from '../keyset-page.js';

/**
 * One figure of a deal, as every deal answer shows it: the deal now (from the deal-state
 * read model) and the deal as on record at a moment (from the audit trail) have this one
 * shape, each with its own converter, so that at the head of the log the two answers are
 * the same figure by figure (issue 13, item 7a).
 *
 * `value`, `source`, `reportedAt` and `effectiveAt` always belong together: they are the
 * report the value comes from. For a retracted figure that is the report that was withdrawn
 * (its value is still shown, struck through on the web page); the retraction itself is told
 * by `status`, `change`, `reason`, `recordedAt`, `recordedBy`, `eventId` and `position`, and
 * the source the retraction cited, if any, is in the figure's history.
 */
export interface FigureView {
  figureId: string;
  fact: FigureFact;
  context: Record<string, unknown>;
  /** What the figure is, in words, told apart from the deal's other figures: "Stake of Iwatani Corporation in Caremag". */
  label: string;
  value: FigureValue;
  /** The value in words, as the source put it: "up to EUR 110,000,000". */
  display: string;
  status: FigureStatus;
  /** The kind of the figure's last change: initial, revision, disclosure, correction or retraction. */
  change: FigureChangeKind;
  /** Why the last revision, correction or retraction was made. */
  reason?: string;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
  /** Where the agreement or facility stands (signed, operating…), when a source said. */
  stage?: Stage;
  /** When the ledger first recorded the figure. */
  firstRecordedAt: string;
  /** When, and by whom, its last change was recorded. */
  recordedAt: string;
  recordedBy: string;
  /** The event of its last change, and that event's position in the log. */
  eventId: string;
  position: number;
}

export interface NoteView {
  noteId: string;
  text: string;
  source: Source;
  reportedAt: string;
  recordedAt: string;
  recordedBy: string;
}

export interface DealSummaryView {
  dealId: string;
  title: string;
  site?: string;
  commodities: string[];
  parties: Party[];
  /** The deal's last event (as of the moment asked): its revision, position and time. */
  revision: number;
  position: number;
  registeredAt: string;
  updatedAt: string;
  /** Figures on record, retracted ones included. */
  figureCount: number;
}

/**
 * A link between two deals, as the deal that made it reported it: `relation` is read from
 * that deal's side ("supersedes"), `dealId` is the deal at the other end.
 */
export interface DealLinkView {
  linkId: string;
  relation: DealLinkRelation;
  dealId: string;
  source: Source;
  reportedAt: string;
  recordedAt: string;
  recordedBy: string;
}

/** What a deal says about who is in it and how it stands to other deals, at a position of the record. */
export interface DealRelations {
  parties: Party[];
  /** The links this deal made, in record order. */
  links: DealLinkView[];
  /** The links other deals made to this one, in record order: each `dealId` is the deal that made it. */
  linkedFrom: DealLinkView[];
}

/** A deal with every figure and note: the answer of `GET /deals/:dealId`, now or as of a moment. */
export interface DealView extends DealSummaryView, DealRelations {
  source: Source;
  reportedAt: string;
  registeredBy: string;
  /** In the order they were first reported. */
  figures: FigureView[];
  /** In record order: by `recordedAt`, then `noteId`. */
  notes: NoteView[];
}

export interface DealListFilter {
  party?: string;
  commodity?: string;
  /** Deals whose title contains this text (case-insensitive for ASCII letters). */
  title?: string;
  /** Exclusive: deals whose id sorts after this one (keyset pagination). */
  after?: string;
  limit: number;
}

export type DealPage = KeysetPage<DealSummaryView>;

/** A party's name on a deal, by its id (the id itself when the deal does not name it). */
export function partyNamesOf(parties: readonly Party[]): (partyId: string) => string {
  const names = new Map(parties.map((party) => [party.partyId, party.name]));
  return (partyId) => names.get(partyId) ?? partyId;
}
