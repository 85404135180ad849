import { ErrorCodes, conflict, invalid, notFound } from '../errors.js';
import type { FigureReport, FigureValue, MeasureKind, Source } from '../values/figure.js';
import { assertValidFigureReport, assertValidFigureValue, assertValidSource } from '../values/figure-rules.js';
import { figureValuesEqual, sourcesEqual } from '../values/figure-equality.js';
import { assertValidId } from '../values/identifiers.js';
import { assertList } from '../values/input.js';
import { assertTimestamp, timestampsEqual } from '../values/timestamp.js';
import type { DealState, FigureState, RegisteredDealState } from './deal-state.js';

/** Rules shared by several deciders. Each throws a DomainError naming the offending field. */

export function requireRegistered(state: DealState, dealId: unknown): RegisteredDealState {
  // A different id means the caller loaded the wrong stream: for that deal, this is no deal.
  if (!state.registered || state.dealId !== dealId) {
    throw notFound(ErrorCodes.dealNotFound, `Deal ${String(dealId)} is not registered`, 'dealId');
  }
  return state;
}

export function assertKnownParty(deal: RegisteredDealState, partyId: unknown, field: string): asserts partyId is string {
  if (typeof partyId !== 'string' || !deal.parties.has(partyId)) {
    throw invalid(ErrorCodes.unknownParty, `${field} must name a party of deal ${deal.dealId}`, field);
  }
}

/** A non-empty list of parties of the deal, each named once. */
export function assertKnownParties(deal: RegisteredDealState, partyIds: unknown, field: string): asserts partyIds is string[] {
  assertList(partyIds, field, { nonEmpty: true });
  const seen = new Set<string>();
  partyIds.forEach((partyId, index) => {
    assertKnownParty(deal, partyId, `${field}[${index}]`);
    if (seen.has(partyId)) {
      throw invalid(ErrorCodes.duplicateParty, `${field} names ${partyId} twice`, `${field}[${index}]`);
    }
    seen.add(partyId);
  });
}

/**
 * A figure first reported with this command: valid, measured as its fact requires
 * (`'any'` for metrics), and with an id not yet used on the deal.
 */
export function assertNewFigure(
  deal: RegisteredDealState,
  report: unknown,
  field: string,
  measures: readonly MeasureKind[] | 'any',
): asserts report is FigureReport {
  assertValidFigureReport(report, field);
  const kind = report.value.measure.kind;
  if (measures !== 'any' && !measures.includes(kind)) {
    throw invalid(
      ErrorCodes.measureMismatch,
      `${field} must be measured as ${measures.join(' or ')}, not ${kind}`,
      `${field}.value.measure.kind`,
    );
  }
  if (deal.figures.has(report.figureId)) {
    throw conflict(ErrorCodes.figureAlreadyExists, `Figure ${report.figureId} already exists on this deal`, `${field}.figureId`);
  }
}

/** Two figures reported by one command cannot share an id either. */
export function assertDistinctFigureIds(first: FigureReport, second: FigureReport, secondField: string): void {
  if (first.figureId === second.figureId) {
    throw conflict(ErrorCodes.figureAlreadyExists, `Figure ${second.figureId} is reported twice`, `${secondField}.figureId`);
  }
}

/** The figure a revision, correction or retraction names: it exists and still stands. */
export function requireOpenFigure(deal: RegisteredDealState, figureId: unknown): FigureState {
  assertValidId(figureId, 'figureId');
  const figure = deal.figures.get(figureId);
  if (figure === undefined) {
    throw notFound(ErrorCodes.figureNotFound, `Figure ${figureId} does not exist on deal ${deal.dealId}`, 'figureId');
  }
  if (figure.status === 'retracted') {
    throw conflict(ErrorCodes.figureRetracted, `Figure ${figureId} was retracted; report a new figure instead`, 'figureId');
  }
  return figure;
}

export interface Restatement {
  value: FigureValue;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
}

/** The new value, source and times of a revision or correction. */
export function assertValidRestatement(command: Restatement): void {
  assertValidFigureValue(command.value, 'value');
  assertValidSource(command.source, 'source');
  assertTimestamp(command.reportedAt, 'reportedAt');
  if (command.effectiveAt !== undefined) assertTimestamp(command.effectiveAt, 'effectiveAt');
}

type RestatementCommand = Restatement & { figureId: string; reason?: string };

/**
 * A revision's or a correction's event data: the command's report and reason, in the one
 * key order both events have always been written in.
 */
export function restatementData<C extends RestatementCommand>(command: C): Pick<C, keyof RestatementCommand> {
  return {
    figureId: command.figureId,
    value: command.value,
    source: command.source,
    reportedAt: command.reportedAt,
    effectiveAt: command.effectiveAt,
    reason: command.reason,
  };
}

/** Where a revision and a correction differ in what they check. */
export interface RestatementRules {
  /** A correction requires a reason, a revision may give one. */
  assertReason(reason: unknown, field: string): void;
  /** The measure the new value may have: a revision keeps the kind; a correction may also repair a legacy price. */
  assertMeasure(figure: FigureState, value: FigureValue): void;
}

/**
 * What a revision and a correction check, in this order: the deal, the new report, the
 * reason, then the figure restated, which must be open and measured as `rules` allow.
 */
export function requireRestatedFigure(
  state: DealState,
  command: RestatementCommand & { dealId: string },
  rules: RestatementRules,
): FigureState {
  const deal = requireRegistered(state, command.dealId);
  assertValidRestatement(command);
  rules.assertReason(command.reason, 'reason');
  const figure = requireOpenFigure(deal, command.figureId);
  rules.assertMeasure(figure, command.value);
  return figure;
}

/** Whether a restatement gives the figure's own value, from its own source, reported at the same time. */
export function restatesSameReport(figure: FigureState, restatement: Restatement): boolean {
  return (
    figureValuesEqual(figure.value, restatement.value) &&
    sourcesEqual(figure.source, restatement.source) &&
    timestampsEqual(figure.reportedAt, restatement.reportedAt)
  );
}

/**
 * Currency or unit may change (EUR → USD, t → kt); what kind of thing is measured may not
 * (but for a correction's legacy price repair, legacy-price-repair.ts).
 */
export function assertSameMeasureKind(figure: FigureState, value: FigureValue): void {
  if (value.measure.kind !== figure.measureKind) {
    throw invalid(
      ErrorCodes.measureMismatch,
      `Figure ${figure.figureId} is measured as ${figure.measureKind}, not ${value.measure.kind}`,
      'value.measure.kind',
    );
  }
}

export function assertOptionalSource(source: unknown, field: string): asserts source is Source | undefined {
  if (source !== undefined) assertValidSource(source, field);
}
