import { copyFigureReport, withoutUndefined } from '../values/figure-copy.js';
import { assertOptionalText, assertTextList } from '../values/input.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { assertKnownParties, assertKnownParty, assertNewFigure, requireRegistered } from './deal-rules.js';
import type { DealState } from './deal-state.js';

export type SignOfftake = CommandOf<'SignOfftake'>;

export function decideSignOfftake(command: SignOfftake, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertKnownParties(deal, command.buyers, 'buyers');
  assertKnownParty(deal, command.seller, 'seller');
  assertTextList(command.products, 'products', { nonEmpty: false });
  assertOptionalText(command.term, 'term');
  assertNewFigure(deal, command.share, 'share', ['percentage']);

  return [
    {
      type: 'OfftakeSigned.v1',
      data: withoutUndefined({
        buyers: [...command.buyers],
        seller: command.seller,
        products: [...command.products],
        share: copyFigureReport(command.share),
        term: command.term,
      }),
    },
  ];
}
