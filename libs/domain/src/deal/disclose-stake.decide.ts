import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { assertKnownParty, assertNewFigure, requireRegistered } from './deal-rules.js';
import type { DealState } from './deal-state.js';

export type DiscloseStake = CommandOf<'DiscloseStake'>;

/** Also records a refusal to disclose: the stake is then `undisclosed`, a value of its own. */
export function decideDiscloseStake(command: DiscloseStake, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertKnownParty(deal, command.holder, 'holder');
  assertKnownParty(deal, command.target, 'target');
  assertNewFigure(deal, command.stake, 'stake', ['percentage']);

  return [
    {
      type: 'StakeDisclosed.v1',
      data: { holder: command.holder, target: command.target, stake: command.stake },
    },
  ];
}
