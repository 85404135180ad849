import { ErrorCodes, conflict } from '../errors.js';
import { figureValuesEqual, sourcesEqual } from '../values/figure-equality.js';
import { assertOptionalText } from '../values/input.js';
import { timestampsEqual } from '../values/timestamp.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { assertSameMeasureKind, assertValidRestatement, requireOpenFigure, requireRegistered, restatementData } from './deal-rules.js';
import type { DealState } from './deal-state.js';

export type ReviseFigure = CommandOf<'ReviseFigure'>;

/** The world changed: a source now reports a new value (or confirms the old one anew). */
export function decideReviseFigure(command: ReviseFigure, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertValidRestatement(command);
  assertOptionalText(command.reason, 'reason');
  const figure = requireOpenFigure(deal, command.figureId);
  assertSameMeasureKind(figure, command.value);
  // The same value from a new source or on a new date is a confirmation worth keeping;
  // the same value, source and date again is a duplicate.
  if (
    figureValuesEqual(figure.value, command.value) &&
    sourcesEqual(figure.source, command.source) &&
    timestampsEqual(figure.reportedAt, command.reportedAt)
  ) {
    throw conflict(
      ErrorCodes.revisionChangesNothing,
      `Figure ${figure.figureId} already stands at this value, from this source, reported then`,
    );
  }

  return [{ type: 'FigureRevised.v1', data: restatementData(command) }];
}
