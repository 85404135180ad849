import { ErrorCodes, conflict } from '../errors.js';
import { optionalTimestampsEqual } from '../values/figure-equality.js';
import { assertRequiredText } from '../values/input.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { requireRestatedFigure, restatementData, restatesSameReport } from './deal-rules.js';
import type { DealState } from './deal-state.js';
import { assertCorrectedMeasure } from './legacy-price-repair.js';

export type CorrectFigure = CommandOf<'CorrectFigure'>;

/**
 * Our record was wrong: the auditor must see what was fixed and why, so a reason is required.
 * The measure keeps its kind, but for a price stored as a quantity before unit prices existed.
 */
export function decideCorrectFigure(command: CorrectFigure, state: DealState): DealEvent[] {
  const figure = requireRestatedFigure(state, command, { assertReason: assertRequiredText, assertMeasure: assertCorrectedMeasure });
  if (restatesSameReport(figure, command) && optionalTimestampsEqual(figure.effectiveAt, command.effectiveAt)) {
    throw conflict(ErrorCodes.correctionChangesNothing, `The correction of figure ${figure.figureId} changes nothing`);
  }

  return [{ type: 'FigureCorrected.v2', data: restatementData(command) }];
}
