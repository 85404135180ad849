import { ErrorCodes, invalid } from '../errors.js';
import { isIsoCurrency } from '../values/currency.js';
import type { FigureValue } from '../values/figure.js';
import { isSpellingOf, suggestUnit } from '../values/units.js';
import { assertSameMeasureKind } from './deal-rules.js';
import type { FigureFact, FigureState } from './deal-state.js';

/**
 * Before unit prices existed, writers recorded "USD 110 per kg" as a quantity of "USD" per
 * "kg". A correction may restate such a figure as the unit price it always was: the one
 * change of measure kind the ledger takes (design 15 §2.2, "Legacy repair"). A revision may
 * not: it says the world changed, and the world did not turn a quantity into a price.
 *
 * The repair changes the shape, never the price: it keeps the stored currency and the unit
 * the price was per. The audit trail lists `currency` and `unit` as changed by every repair
 * (the quantity had no currency, and its unit was the currency), so a currency or unit also
 * changed in the same step could not be told from the repair itself; that is a correction of
 * its own, made after the repair, with its own reason. Amounts and qualifiers may be put right
 * in the repair: the trail shows those.
 */

/**
 * The facts that could hold a quantity before unit prices existed are capacities and metrics;
 * only a metric may be measured any way. A capacity is a quantity by definition: a price
 * recorded as one is the wrong fact, for a retraction, not a repair.
 */
const FACTS_A_PRICE_MAY_BE: readonly FigureFact[] = ['metric'];

/** What a correction may measure a figure as: its own kind, or a legacy price's unit price. */
export function assertCorrectedMeasure(figure: FigureState, value: FigureValue): void {
  const stored = figure.value.measure;
  if (value.measure.kind !== 'unit_price' || stored.kind !== 'quantity' || !isIsoCurrency(stored.unit)) {
    assertSameMeasureKind(figure, value);
    return;
  }
  if (!FACTS_A_PRICE_MAY_BE.includes(figure.fact)) {
    throw invalid(
      ErrorCodes.measureMismatch,
      `Figure ${figure.figureId} is a ${figure.fact}, measured as quantity, never as unit_price: retract it and report the price as a metric`,
      'value.measure.kind',
    );
  }
  if (value.measure.currency !== stored.unit) {
    throw invalid(
      ErrorCodes.measureMismatch,
      `Figure ${figure.figureId} was stored as a price in ${stored.unit}: its repair as a unit price is in ${stored.unit}; ` +
        `correct the currency afterwards, in a correction of its own`,
      'value.measure.currency',
    );
  }
  const per = stored.per;
  if (per === undefined || !isSpellingOf(per, value.measure.unit)) {
    throw invalid(ErrorCodes.measureMismatch, unitMismatch(figure.figureId, stored.unit, per, value.measure.unit), 'value.measure.unit');
  }
}

/** Why the repair's unit is not the one the price was stored per, and what to do instead. */
function unitMismatch(figureId: string, currency: string, per: string | undefined, unit: string): string {
  if (per === undefined) {
    return `Figure ${figureId} was stored as an amount of ${currency} per no unit, so it is no unit price: retract it and report it anew`;
  }
  const known = suggestUnit(per);
  return known !== undefined
    ? `Figure ${figureId} was stored per "${per}" (${known} in the unit table), not per ${unit}: its repair as a unit price is per ${known}; ` +
        `correct the unit afterwards, in a correction of its own`
    : `Figure ${figureId} was stored per "${per}", which names no unit of the unit table, so the ledger cannot tell what it is a price of: ` +
        `retract it and report the price anew`;
}
