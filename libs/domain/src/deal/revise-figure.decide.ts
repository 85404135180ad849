import { ErrorCodes, conflict } from '../errors.js';
import { assertOptionalText } from '../values/input.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { assertSameMeasureKind, requireRestatedFigure, restatementData, restatesSameReport } from './deal-rules.js';
import type { DealState } from './deal-state.js';

export type ReviseFigure = CommandOf<'ReviseFigure'>;

/**
 * The world changed: a source now reports a new value (or confirms the old one anew). Always
 * in the figure's own kind of measure: a legacy price stored as a quantity becomes a unit
 * price by a correction only, since the record was wrong, not the world.
 */
export function decideReviseFigure(command: ReviseFigure, state: DealState): DealEvent[] {
  const figure = requireRestatedFigure(state, command, { assertReason: assertOptionalText, assertMeasure: assertSameMeasureKind });
  // The same value from a new source or on a new date is a confirmation worth keeping;
  // the same value, source and date again is a duplicate.
  if (restatesSameReport(figure, command)) {
    throw conflict(
      ErrorCodes.revisionChangesNothing,
      `Figure ${figure.figureId} already stands at this value, from this source, reported then`,
    );
  }

  return [{ type: 'FigureRevised.v2', data: restatementData(command) }];
}
