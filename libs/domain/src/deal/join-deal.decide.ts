import { ErrorCodes, conflict } from '../errors.js';
import { assertValidSource } from '../values/figure-rules.js';
import { assertTimestamp } from '../values/timestamp.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { partyOfDeal } from './deal-parties.js';
import { requireRegistered } from './deal-rules.js';
import type { DealState } from './deal-state.js';
import type { KnownReferences } from './decision-context.js';

export type JoinDeal = CommandOf<'JoinDeal'>;

/** A party joins a registered deal, by the deal's own words for it or by its registry id. */
export function decideJoinDeal(command: JoinDeal, state: DealState, known: KnownReferences): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  const party = partyOfDeal(command.party, 'party', known);
  if (deal.parties.has(party.partyId)) {
    throw conflict(ErrorCodes.partyAlreadyOnDeal, `Party ${party.partyId} is already a party of deal ${deal.dealId}`, 'party.partyId');
  }
  assertValidSource(command.source, 'source');
  assertTimestamp(command.reportedAt, 'reportedAt');
  return [{ type: 'PartyJoinedDeal.v1', data: { party, source: command.source, reportedAt: command.reportedAt } }];
}
