import { ErrorCodes, conflict, invalid } from '../errors.js';
import { assertValidSource } from '../values/figure-rules.js';
import { assertValidId } from '../values/identifiers.js';
import { assertList, assertOptionalText, assertRequiredText, assertTextList } from '../values/input.js';
import { assertTimestamp } from '../values/timestamp.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent, Party } from './deal-events.js';
import { partyOfDeal } from './deal-parties.js';
import type { DealState } from './deal-state.js';
import type { KnownReferences } from './decision-context.js';

export type RegisterDeal = CommandOf<'RegisterDeal'>;

export function decideRegisterDeal(command: RegisterDeal, state: DealState, known: KnownReferences): DealEvent[] {
  if (state.registered) {
    throw conflict(ErrorCodes.dealAlreadyRegistered, `Deal ${state.dealId} is already registered`, 'dealId');
  }
  assertValidId(command.dealId, 'dealId');
  assertRequiredText(command.title, 'title');
  assertList(command.parties, 'parties', { nonEmpty: true });
  const partyIds = new Set<string>();
  const parties: Party[] = command.parties.map((reference, index) => {
    const field = `parties[${index}]`;
    const party = partyOfDeal(reference, field, known);
    if (partyIds.has(party.partyId)) {
      throw invalid(ErrorCodes.duplicateParty, `Party ${party.partyId} is listed twice`, `${field}.partyId`);
    }
    partyIds.add(party.partyId);
    return party;
  });
  assertOptionalText(command.site, 'site');
  assertTextList(command.commodities, 'commodities', { nonEmpty: false });
  assertValidSource(command.source, 'source');
  assertTimestamp(command.reportedAt, 'reportedAt');

  return [
    {
      type: 'DealRegistered.v2',
      data: {
        dealId: command.dealId,
        title: command.title,
        parties,
        site: command.site,
        commodities: command.commodities,
        source: command.source,
        reportedAt: command.reportedAt,
      },
    },
  ];
}
