import { DURATION_UNITS, ErrorCodes, invalid, parseIsoDuration, type DurationUnit, type FigureValue } from '#domain';

/**
 * A term as a request may spell it: `"amount": "P7Y"` (ISO 8601, as schema.org and most deal
 * databases write terms) or `"amount": "7"` with `"unit": "year"`. The domain holds only the
 * second form (design 15 §2.2), so that ranges, qualifiers and equality work as for any
 * amount; the display shows the ISO form again ("7 years (P7Y)").
 */
export function durationsAsDecimals(value: FigureValue, field: string): FigureValue {
  if (value.measure.kind !== 'duration') return value;
  // A unit that is not one is the domain's to name (FIGURE.INVALID_MEASURE at measure.unit).
  if (value.measure.unit !== undefined && !isDurationUnit(value.measure.unit)) return value;
  let unit: DurationUnit | undefined = isDurationUnit(value.measure.unit) ? value.measure.unit : undefined;
  const unitGiven = unit !== undefined;
  const converted: Partial<Record<'amount' | 'min' | 'max', string>> = {};
  for (const part of ['amount', 'min', 'max'] as const) {
    const raw = value[part];
    if (typeof raw !== 'string' || !raw.startsWith('P')) continue;
    const at = `${field}.${part}`;
    const duration = parseIsoDuration(raw);
    if (duration === undefined) {
      throw invalid(
        ErrorCodes.invalidDuration,
        `${at} must be an ISO 8601 duration in one of years, months, weeks or days, such as P7Y, P18M or P1Y6M (got ${JSON.stringify(raw.slice(0, 40))})`,
        at,
      );
    }
    if (unit !== undefined && duration.unit !== unit) {
      const other = unitGiven ? `${field}.measure.unit is ${unit}` : `the other bound is in ${unit}s`;
      throw invalid(ErrorCodes.invalidDuration, `${at} ${raw} is a number of ${duration.unit}s, but ${other}`, at);
    }
    unit = duration.unit;
    converted[part] = duration.amount;
  }
  if (unit === undefined) return value;
  return { ...value, ...converted, measure: { kind: 'duration', unit } };
}

function isDurationUnit(unit: unknown): unit is DurationUnit {
  return (DURATION_UNITS as readonly unknown[]).includes(unit);
}
