import { assertOptionalText } from '../values/input.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { assertKnownParty, assertNewFigure, requireRegistered } from './deal-rules.js';
import type { DealState } from './deal-state.js';

export type AnnounceGovernmentSupport = CommandOf<'AnnounceGovernmentSupport'>;

export function decideAnnounceGovernmentSupport(command: AnnounceGovernmentSupport, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertKnownParty(deal, command.government, 'government');
  assertKnownParty(deal, command.recipient, 'recipient');
  assertOptionalText(command.form, 'form');
  assertNewFigure(deal, command.amount, 'amount', ['money']);

  return [
    {
      type: 'GovernmentSupportAnnounced.v2',
      data: {
        government: command.government,
        recipient: command.recipient,
        amount: command.amount,
        form: command.form,
      },
    },
  ];
}
