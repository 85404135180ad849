import type { FigureReport, FigureValue, MeasureKind, Source, Stage } from '../values/figure.js';
import type { DealLinkRelation, Party } from './deal-events.js';

/** Which fact a figure belongs to: tells readers what the number is. */
export type FigureFact = ReportedFact | `${InstrumentFact}.${string}`;

/** The facts of the first model, each with its own command. */
export type ReportedFact =
  | 'investment.amount'
  | 'investment.timeframe'
  | 'offtake.share'
  | 'offtake.term'
  | 'stake'
  | 'capacity'
  | 'government_support.amount'
  | 'metric';

/** An instrument's figures are named by its fact kind and member (`debt.principal`). */
export type InstrumentFact = 'equity' | 'debt' | 'warrants' | 'grant' | 'guarantee' | 'price_agreement' | 'purchase_commitment';

/**
 * What a figure currently stands at, and how it got there: `current` (as first reported),
 * `revised` (the world changed), `corrected` (our record was wrong), `retracted`.
 */
export type FigureStatus = 'current' | 'revised' | 'corrected' | 'retracted';

export interface FigureState {
  figureId: string;
  fact: FigureFact;
  measureKind: MeasureKind;
  value: FigureValue;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
  status: FigureStatus;
  /** Where the agreement or facility stands, when a source said. */
  stage?: Stage;
  /**
   * The fact's other members (a stake's holder, basis, `conditional`…), fixed when it was
   * reported: what a member pointing at the figure may require of it (fact-kind.ts `where`).
   */
  context: Readonly<Record<string, unknown>>;
}

/** A figure an event reports for the first time, with the fact it belongs to and what it is about. */
export interface IntroducedFigure {
  report: FigureReport;
  fact: FigureFact;
  /** The event's member that holds it (`amount`, `share`): where a problem with it is reported. */
  member: string;
  /** The non-figure fields of the fact (parties, products…), for readers. */
  context: Record<string, unknown>;
}

/** The decision state of one deal: just what the rules need, nothing for display. */
export type DealState =
  | { registered: false }
  | {
      registered: true;
      dealId: string;
      parties: ReadonlyMap<string, Party>;
      figures: ReadonlyMap<string, FigureState>;
      noteIds: ReadonlySet<string>;
      /** The last stake disclosed under each stake key (stake-key.ts): a second one there must be a revision. */
      stakes: ReadonlyMap<string, string>;
      /** The deal's links to other deals, by link id. */
      links: ReadonlyMap<string, { relation: DealLinkRelation; targetDealId: string }>;
    };

export const initialDealState: DealState = { registered: false };

export function figureStateFromReport(report: FigureReport, fact: FigureFact, context: Readonly<Record<string, unknown>>): FigureState {
  return {
    figureId: report.figureId,
    fact,
    measureKind: report.value.measure.kind,
    value: report.value,
    source: report.source,
    reportedAt: report.reportedAt,
    ...(report.effectiveAt !== undefined ? { effectiveAt: report.effectiveAt } : {}),
    status: 'current',
    ...(report.stage !== undefined ? { stage: report.stage } : {}),
    context,
  };
}

/** A deal that has been registered: what every command but RegisterDeal needs. */
export type RegisteredDealState = Extract<DealState, { registered: true }>;
