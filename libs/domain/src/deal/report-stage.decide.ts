import { ErrorCodes, conflict } from '../errors.js';
import { assertValidSource } from '../values/figure-rules.js';
import { assertTimestamp } from '../values/timestamp.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { requireOpenFigure, requireRegistered } from './deal-rules.js';
import type { DealState } from './deal-state.js';
import { assertStageFits } from './stages.js';

export type ReportStage = CommandOf<'ReportStage'>;

/** A source says where an agreement or a facility now stands; the figure's value is untouched. */
export function decideReportStage(command: ReportStage, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertValidSource(command.source, 'source');
  assertTimestamp(command.reportedAt, 'reportedAt');
  if (command.effectiveAt !== undefined) assertTimestamp(command.effectiveAt, 'effectiveAt');
  const figure = requireOpenFigure(deal, command.figureId);
  assertStageFits(figure.fact, command.stage, 'stage');
  if (figure.stage === command.stage) {
    throw conflict(ErrorCodes.stageUnchanged, `Figure ${figure.figureId} already stands at ${command.stage}`, 'stage');
  }
  return [
    {
      type: 'FigureStageReported.v1',
      data: {
        figureId: command.figureId,
        stage: command.stage,
        source: command.source,
        reportedAt: command.reportedAt,
        effectiveAt: command.effectiveAt,
      },
    },
  ];
}
