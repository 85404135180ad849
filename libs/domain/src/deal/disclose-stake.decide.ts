import { ErrorCodes, conflict, invalid } from '../errors.js';
import { assertOneOf, assertOptionalText } from '../values/input.js';
import type { CommandOf } from './deal-commands.js';
import { STAKE_BASES, type DealEvent, type StakeDisclosedV2 } from './deal-events.js';
import { assertKnownParty, assertNewFigure, requireRegistered } from './deal-rules.js';
import type { DealState, RegisteredDealState } from './deal-state.js';
import { stakeKeyOf } from './stake-key.js';

export type DiscloseStake = CommandOf<'DiscloseStake'>;

/**
 * Also records a refusal to disclose: the stake is then `undisclosed`, a value of its own.
 * The basis and condition default here, not in the request, so that a command sent again
 * after an upgrade is the same command as before it.
 */
export function decideDiscloseStake(command: DiscloseStake, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertKnownParty(deal, command.holder, 'holder');
  assertKnownParty(deal, command.target, 'target');
  assertNewFigure(deal, command.stake, 'stake', ['percentage']);
  const basis = command.basis ?? 'unspecified';
  assertOneOf(basis, STAKE_BASES, 'basis', ErrorCodes.notAllowed);
  const conditional = command.conditional ?? false;
  if (typeof conditional !== 'boolean') throw invalid(ErrorCodes.notAllowed, 'conditional must be true or false', 'conditional');
  assertOptionalText(command.condition, 'condition');
  assertOptionalText(command.tranche, 'tranche');
  if (command.condition !== undefined && !conditional) {
    throw invalid(ErrorCodes.conditionWithoutConditional, 'condition is for a conditional stake: set conditional to true', 'condition');
  }
  const stake: StakeDisclosedV2 = {
    holder: command.holder,
    target: command.target,
    stake: command.stake,
    basis,
    conditional,
    ...(command.condition !== undefined ? { condition: command.condition } : {}),
    ...(command.tranche !== undefined ? { tranche: command.tranche } : {}),
  };
  assertNoOpenStake(deal, stake);
  return [{ type: 'StakeDisclosed.v2', data: stake }];
}

function assertNoOpenStake(deal: RegisteredDealState, stake: StakeDisclosedV2): void {
  const openFigureId = deal.stakes.get(stakeKeyOf(stake));
  if (openFigureId === undefined || deal.figures.get(openFigureId)?.status === 'retracted') return;
  throw conflict(
    ErrorCodes.stakeAlreadyOpen,
    `${stake.holder} already holds a stake in ${stake.target} on this basis (figure ${openFigureId}): ` +
      `revise that figure, or name this one a separate tranche`,
    'stake',
    { figureId: openFigureId, revise: `/deals/${deal.dealId}/figures/${openFigureId}/revisions` },
  );
}
