import { assertRequiredText } from '../values/input.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { assertKnownParty, assertNewFigure, requireRegistered } from './deal-rules.js';
import type { DealState } from './deal-state.js';

export type ReportMetric = CommandOf<'ReportMetric'>;

/** Any other figure about the deal; its label says what it is, so any measure fits. */
export function decideReportMetric(command: ReportMetric, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertRequiredText(command.label, 'label');
  if (command.subject !== undefined) assertKnownParty(deal, command.subject, 'subject');
  assertNewFigure(deal, command.metric, 'metric', 'any');

  return [
    {
      type: 'MetricReported.v2',
      data: { label: command.label, subject: command.subject, metric: command.metric },
    },
  ];
}
