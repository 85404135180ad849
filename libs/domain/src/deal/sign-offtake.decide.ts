import { ErrorCodes, conflict } from '../errors.js';
import { assertOptionalText, assertTextList } from '../values/input.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { assertKnownParties, assertKnownParty, assertNewFigure, requireRegistered } from './deal-rules.js';
import { offtakeTermReport } from './offtake-term.js';
import type { DealState } from './deal-state.js';

export type SignOfftake = CommandOf<'SignOfftake'>;

export function decideSignOfftake(command: SignOfftake, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertKnownParties(deal, command.buyers, 'buyers');
  assertKnownParty(deal, command.seller, 'seller');
  assertTextList(command.products, 'products', { nonEmpty: false });
  assertOptionalText(command.term, 'term');
  assertNewFigure(deal, command.share, 'share', ['percentage']);
  // The term is a figure of its own (see offtake-term.ts), under an id derived from the share's.
  const term = command.term === undefined ? undefined : offtakeTermReport(command.share, command.term);
  if (term && (deal.figures.has(term.figureId) || term.figureId === command.share.figureId)) {
    throw conflict(ErrorCodes.figureAlreadyExists, `The term's figure id ${term.figureId} is already used on this deal`, 'term');
  }

  return [
    {
      type: 'OfftakeSigned.v3',
      data: {
        buyers: command.buyers,
        seller: command.seller,
        products: command.products,
        share: command.share,
        term,
      },
    },
  ];
}
