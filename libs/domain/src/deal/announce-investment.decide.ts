import { assertTextList } from '../values/input.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { assertDistinctFigureIds, assertKnownParties, assertKnownParty, assertNewFigure, requireRegistered } from './deal-rules.js';
import type { DealState } from './deal-state.js';

export type AnnounceInvestment = CommandOf<'AnnounceInvestment'>;

export function decideAnnounceInvestment(command: AnnounceInvestment, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertKnownParties(deal, command.investors, 'investors');
  assertKnownParty(deal, command.target, 'target');
  if (command.vehicle !== undefined) assertKnownParty(deal, command.vehicle, 'vehicle');
  assertTextList(command.instruments, 'instruments', { nonEmpty: false });
  assertNewFigure(deal, command.amount, 'amount', ['money']);
  if (command.timeframe !== undefined) {
    assertNewFigure(deal, command.timeframe, 'timeframe', ['text']);
    assertDistinctFigureIds(command.amount, command.timeframe, 'timeframe');
  }

  return [
    {
      type: 'InvestmentAnnounced.v2',
      data: {
        investors: command.investors,
        target: command.target,
        vehicle: command.vehicle,
        amount: command.amount,
        instruments: command.instruments,
        timeframe: command.timeframe,
      },
    },
  ];
}
