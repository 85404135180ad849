import { ErrorCodes, conflict } from '../errors.js';
import { figureValuesEqual, optionalTimestampsEqual, sourcesEqual } from '../values/figure-equality.js';
import { assertRequiredText } from '../values/input.js';
import { timestampsEqual } from '../values/timestamp.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { assertSameMeasureKind, assertValidRestatement, requireOpenFigure, requireRegistered, restatementData } from './deal-rules.js';
import type { DealState } from './deal-state.js';

export type CorrectFigure = CommandOf<'CorrectFigure'>;

/** Our record was wrong: the auditor must see what was fixed and why, so a reason is required. */
export function decideCorrectFigure(command: CorrectFigure, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertValidRestatement(command);
  assertRequiredText(command.reason, 'reason');
  const figure = requireOpenFigure(deal, command.figureId);
  assertSameMeasureKind(figure, command.value);
  if (
    figureValuesEqual(figure.value, command.value) &&
    sourcesEqual(figure.source, command.source) &&
    timestampsEqual(figure.reportedAt, command.reportedAt) &&
    optionalTimestampsEqual(figure.effectiveAt, command.effectiveAt)
  ) {
    throw conflict(ErrorCodes.correctionChangesNothing, `The correction of figure ${figure.figureId} changes nothing`);
  }

  return [{ type: 'FigureCorrected.v1', data: restatementData(command) }];
}
