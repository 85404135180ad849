import type { DealEventType } from '../deal/deal-events.js';
import { amountsEqual, optionalTimestampsEqual, sourcesEqual } from '../values/figure-equality.js';
import { UNDISCLOSED_QUALIFIERS, type FigureReport, type FigureValue } from '../values/figure.js';

/**
 * How a figure's entry in the record came to be:
 * - initial: first reported;
 * - revision: the world changed;
 * - disclosure: a revision that gives a value to what was undisclosed or withheld, or
 *   a reported value to what was only an estimate;
 * - correction: our record was wrong;
 * - retraction: the report was withdrawn;
 * - stage: the agreement or facility moved on (signed, operating…); the value stands.
 */
export type FigureChangeKind = 'initial' | 'revision' | 'disclosure' | 'correction' | 'retraction' | 'stage';

export const FIGURE_CHANGE_KINDS: readonly FigureChangeKind[] = ['initial', 'revision', 'disclosure', 'correction', 'retraction', 'stage'];

/** The changes that give a figure its value (a retraction withdraws it, a stage leaves it as it was). */
export const VALUE_CHANGES: readonly FigureChangeKind[] = ['initial', 'revision', 'disclosure', 'correction'];

/** The parts of an entry a reader compares: what changed from the previous entry. */
export type FigureField =
  | 'measure'
  | 'currency'
  | 'unit'
  | 'per'
  | 'qualifier'
  | 'amount'
  | 'min'
  | 'max'
  | 'text'
  | 'conversions'
  | 'note'
  | 'source'
  | 'reportedAt'
  | 'effectiveAt'
  | 'status'
  | 'stage';

export type FigureEntry = Pick<FigureReport, 'value' | 'source' | 'reportedAt' | 'effectiveAt' | 'stage'>;

export function changeKindOf(eventType: DealEventType, previous: FigureValue | undefined, next: FigureValue): FigureChangeKind {
  switch (eventType) {
    case 'FigureRevised.v2':
      return previous && (isUndisclosed(previous) || isEstimate(previous)) && !isUndisclosed(next) && !isEstimate(next)
        ? 'disclosure'
        : 'revision';
    case 'FigureCorrected.v2':
      return 'correction';
    case 'ReportRetracted.v1':
      return 'retraction';
    case 'FigureStageReported.v1':
      return 'stage';
    default:
      return 'initial';
  }
}

export function isUndisclosed(value: FigureValue): boolean {
  return UNDISCLOSED_QUALIFIERS.includes(value.qualifier);
}

/** An estimate is never a reported value: a source reporting one later discloses it. */
export function isEstimate(value: FigureValue): boolean {
  return value.estimate !== undefined;
}

/** Field by field, by meaning ('110000000' equals '110000000.0'). */
export function changedFields(previous: FigureEntry, next: FigureEntry): FigureField[] {
  const a = previous.value;
  const b = next.value;
  const changed: FigureField[] = [];
  const note = (field: FigureField, same: boolean) => {
    if (!same) changed.push(field);
  };
  note('measure', a.measure.kind === b.measure.kind && measureDetailOf(a) === measureDetailOf(b));
  note('currency', currencyOfValue(a) === currencyOfValue(b));
  note('unit', unitOfValue(a) === unitOfValue(b));
  note('per', perOfValue(a) === perOfValue(b));
  note('qualifier', a.qualifier === b.qualifier);
  note('amount', optionalDecimalsEqual(a.amount, b.amount));
  note('min', optionalDecimalsEqual(a.min, b.min));
  note('max', optionalDecimalsEqual(a.max, b.max));
  note('text', a.text === b.text);
  note('conversions', JSON.stringify(a.conversions ?? []) === JSON.stringify(b.conversions ?? []));
  note('note', a.note === b.note);
  note('source', sourcesEqual(previous.source, next.source));
  note('reportedAt', optionalTimestampsEqual(previous.reportedAt, next.reportedAt));
  note('effectiveAt', optionalTimestampsEqual(previous.effectiveAt, next.effectiveAt));
  note('stage', previous.stage === next.stage);
  return changed;
}

/** The parts of a measure a reader compares by name, for whichever measures have them. */
export const currencyOfValue = (v: FigureValue) => (v.measure.kind === 'money' || v.measure.kind === 'unit_price' ? v.measure.currency : undefined);
export const unitOfValue = (v: FigureValue) => (v.measure.kind === 'quantity' || v.measure.kind === 'unit_price' ? v.measure.unit : undefined);
export const perOfValue = (v: FigureValue) => (v.measure.kind === 'quantity' ? v.measure.per : undefined);

/**
 * What else distinguishes a measure of the newer kinds, which have no field of their own in
 * the list above: a term in years against one in months is another measure.
 */
function measureDetailOf(v: FigureValue): string | undefined {
  switch (v.measure.kind) {
    case 'duration':
      return v.measure.unit;
    case 'date':
      return v.measure.precision;
    case 'count':
      return v.measure.of;
    default:
      return undefined;
  }
}

/** By value for decimals, by spelling otherwise (a date's amount), never throwing. */
function optionalDecimalsEqual(a: string | undefined, b: string | undefined): boolean {
  return amountsEqual(a, b);
}
