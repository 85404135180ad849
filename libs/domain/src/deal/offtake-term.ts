import { ErrorCodes, invalid } from '../errors.js';
import type { FigureReport } from '../values/figure.js';
import { isRecord } from '../values/input.js';
import { copyAs } from './canonical-payload.js';

/**
 * OfftakeSigned.v1 kept the term as a plain string ("long-term"). But a term is a reported
 * fact like the share: a source may decline to give it, or revise it later ("ten years"),
 * and a plain string can be neither undisclosed nor revised. OfftakeSigned.v2 makes it a
 * text figure, reported with the share (same source and times), under a figure id derived
 * from the share's: `<share figureId>.term`, or, when that would exceed the 100 characters
 * of an id, the first 95 characters of the share's id followed by `.term`.
 *
 * The decider and the upcaster derive it the same way, so a term recorded as v1 and one
 * recorded as v2 look alike to every reader. The decider refuses a term whose derived id
 * is already taken on the deal; history recorded before v2 cannot be checked that way,
 * so a v1 offtake followed by a figure an analyst happened to name `<share>.term` would
 * yield two figures under one id (none exists in stores written before v2 shipped).
 */

const TERM_SUFFIX = '.term';
const MAX_ID_LENGTH = 100;

export function termFigureIdFor(shareFigureId: string): string {
  return `${shareFigureId.slice(0, MAX_ID_LENGTH - TERM_SUFFIX.length)}${TERM_SUFFIX}`;
}

/** The term as a text figure, reported exactly as the words the source used, with the share. */
export function offtakeTermReport(share: FigureReport, term: string): FigureReport {
  return copyAs<FigureReport>('FigureReport', {
    figureId: termFigureIdFor(share.figureId),
    value: { measure: { kind: 'text' }, qualifier: 'exact', text: term },
    source: share.source,
    reportedAt: share.reportedAt,
    effectiveAt: share.effectiveAt,
  });
}

/** Reads a stored OfftakeSigned.v1's data as OfftakeSigned.v2's; an offtake without a term stays without. */
export function upcastOfftakeSignedV1(data: Record<string, unknown>): Record<string, unknown> {
  const { term, ...rest } = data;
  if (term === undefined) return rest;
  const share = data.share;
  if (typeof term !== 'string' || !isRecord(share) || typeof share.figureId !== 'string' || !isRecord(share.source)) {
    throw invalid(ErrorCodes.malformedEvent, 'Stored OfftakeSigned.v1 has a term that is not text, or no share to date it', 'term');
  }
  return { ...rest, term: offtakeTermReport(share as unknown as FigureReport, term) };
}
