import { Decimal } from 'decimal.js';
import { ErrorCodes, invalid } from '../errors.js';
import { isIsoCurrency } from './currency.js';
import { parseDecimal } from './decimal.js';
import { DATE_PRECISIONS, DURATION_UNITS, MEASURE_KINDS, type Measure } from './figure.js';
import { assertOneOf, assertOptionalText, assertRequiredText, isRecord } from './input.js';
import { looksLikeIsoDuration } from './iso-duration.js';
import { DATE_EXAMPLES, parsePartialDate } from './partial-date.js';
import { EXAMPLE_UNITS, RATE_PERIODS, isKnownUnit, isRatePeriod, suggestUnit } from './units.js';

/**
 * What a measure is and what an amount of it may be, for new writes: the unit table and the
 * period list judge commands only. Stored events are never re-validated (the codec upcasts
 * and the deciders check the command, not the history), so a v1 figure in "tonnes" stays
 * readable and can still be revised, as long as the revision itself uses the table.
 */

export function assertCurrency(code: unknown, field: string): asserts code is string {
  if (!isIsoCurrency(code)) {
    throw invalid(ErrorCodes.invalidCurrency, `${field} must be an active ISO 4217 currency code such as EUR`, field);
  }
}

export function assertValidMeasure(measure: unknown, field: string): asserts measure is Measure {
  if (!isRecord(measure)) {
    throw invalid(ErrorCodes.invalidMeasure, `${field} is required`, field);
  }
  assertOneOf(measure.kind, MEASURE_KINDS, `${field}.kind`, ErrorCodes.invalidMeasure);
  switch (measure.kind) {
    case 'money':
      assertCurrency(measure.currency, `${field}.currency`);
      return;
    case 'quantity':
      assertTableUnit(measure.unit, `${field}.unit`);
      assertOptionalText(measure.per, `${field}.per`);
      if (measure.per !== undefined && !isRatePeriod(measure.per)) {
        throw invalid(ErrorCodes.unknownRatePeriod, `${field}.per must be one of ${RATE_PERIODS.join(', ')}`, `${field}.per`);
      }
      return;
    case 'unit_price':
      assertCurrency(measure.currency, `${field}.currency`);
      assertTableUnit(measure.unit, `${field}.unit`);
      return;
    case 'count':
      assertOptionalText(measure.of, `${field}.of`);
      return;
    case 'duration':
      assertOneOf(measure.unit, DURATION_UNITS, `${field}.unit`, ErrorCodes.invalidMeasure);
      return;
    case 'date':
      assertOneOf(measure.precision, DATE_PRECISIONS, `${field}.precision`, ErrorCodes.invalidMeasure);
      return;
    case 'percentage':
    case 'text':
      return;
  }
}

function assertTableUnit(unit: unknown, field: string): asserts unit is string {
  assertRequiredText(unit, field);
  if (isKnownUnit(unit)) return;
  const suggestion = suggestUnit(unit);
  const hint = suggestion !== undefined ? `; write "${unit}" as "${suggestion}"` : '';
  throw invalid(
    ErrorCodes.unknownUnit,
    `${field} must be a unit from the unit table, such as ${EXAMPLE_UNITS.join(', ')} (got ${JSON.stringify(unit.slice(0, 40))}${hint})`,
    field,
  );
}

/**
 * One amount (a point value or a range bound) of `measure`, checked and turned into a
 * number that orders like it, so one comparison serves every measure's range. A date orders
 * by its first day, read as the number yyyymmdd ("2027-Q3" → 20270701).
 */
export function assertAmountOf(raw: unknown, measure: Measure, field: string): Decimal {
  if (raw === undefined) {
    throw invalid(ErrorCodes.missingValue, `${field} is required`, field);
  }
  if (measure.kind === 'date') {
    const span = parsePartialDate(raw, measure.precision);
    if (span === undefined) {
      throw invalid(
        ErrorCodes.invalidDate,
        `${field} must be a real calendar date of ${measure.precision} precision, written like ${DATE_EXAMPLES[measure.precision]}`,
        field,
      );
    }
    return new Decimal(span.first.replace(/-/g, ''));
  }
  if (measure.kind === 'duration' && looksLikeIsoDuration(raw)) {
    throw invalid(
      ErrorCodes.invalidDuration,
      `${field} must be a decimal number of ${measure.unit}s; an ISO 8601 duration such as P7Y is accepted by the API, which stores it as "7" with unit year`,
      field,
    );
  }
  const amount = parseDecimal(raw, field);
  if (measure.kind === 'percentage' && (amount.lt(0) || amount.gt(100))) {
    throw invalid(ErrorCodes.percentageOutOfRange, `${field} must be a percentage between 0 and 100`, field);
  }
  // lt(0) rather than isNegative(): '-0' is a zero, not a negative amount.
  if (amount.lt(0)) {
    throw invalid(ErrorCodes.negativeAmount, `${field} must not be negative`, field);
  }
  if (measure.kind === 'count' && !amount.isInteger()) {
    throw invalid(ErrorCodes.countNotWhole, `${field} must be a whole number of ${measure.of ?? 'things'}`, field);
  }
  // A term of zero years is no term; a negative one was refused above.
  if (measure.kind === 'duration' && amount.isZero()) {
    throw invalid(ErrorCodes.durationNotPositive, `${field} must be greater than 0`, field);
  }
  return amount;
}
