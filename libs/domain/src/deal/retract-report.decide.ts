import { assertRequiredText } from '../values/input.js';
import { assertTimestamp } from '../values/timestamp.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { assertOptionalSource, requireOpenFigure, requireRegistered } from './deal-rules.js';
import type { DealState } from './deal-state.js';

export type RetractReport = CommandOf<'RetractReport'>;

/** The report is withdrawn: the figure stops standing, its history stays. */
export function decideRetractReport(command: RetractReport, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertRequiredText(command.reason, 'reason');
  assertOptionalSource(command.source, 'source');
  if (command.reportedAt !== undefined) assertTimestamp(command.reportedAt, 'reportedAt');
  requireOpenFigure(deal, command.figureId);

  return [
    {
      type: 'ReportRetracted.v1',
      data: {
        figureId: command.figureId,
        reason: command.reason,
        source: command.source,
        reportedAt: command.reportedAt,
      },
    },
  ];
}
