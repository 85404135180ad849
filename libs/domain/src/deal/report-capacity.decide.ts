import { assertRequiredText } from '../values/input.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { assertNewFigure, requireRegistered } from './deal-rules.js';
import type { DealState } from './deal-state.js';

export type ReportCapacity = CommandOf<'ReportCapacity'>;

export function decideReportCapacity(command: ReportCapacity, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertRequiredText(command.facility, 'facility');
  assertRequiredText(command.product, 'product');
  assertNewFigure(deal, command.capacity, 'capacity', ['quantity']);

  return [
    {
      type: 'CapacityReported.v2',
      data: { facility: command.facility, product: command.product, capacity: command.capacity },
    },
  ];
}
