import { ErrorCodes, conflict, invalid } from '../errors.js';
import { assertValidSource } from '../values/figure-rules.js';
import { assertValidId } from '../values/identifiers.js';
import { assertOneOf } from '../values/input.js';
import { assertTimestamp } from '../values/timestamp.js';
import type { CommandOf } from './deal-commands.js';
import { DEAL_LINK_RELATIONS, type DealEvent } from './deal-events.js';
import { requireRegistered } from './deal-rules.js';
import type { DealState } from './deal-state.js';
import type { KnownReferences } from './decision-context.js';

export type LinkDeal = CommandOf<'LinkDeal'>;

/**
 * The deal stands in a relation to another registered deal. One link per relation and
 * target: the same link twice is a conflict that names the first.
 */
export function decideLinkDeal(command: LinkDeal, state: DealState, known: KnownReferences): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertValidId(command.linkId, 'linkId');
  assertOneOf(command.relation, DEAL_LINK_RELATIONS, 'relation');
  assertValidId(command.targetDealId, 'targetDealId');
  if (command.targetDealId === deal.dealId) {
    throw invalid(ErrorCodes.linkToItself, `Deal ${deal.dealId} cannot be linked to itself`, 'targetDealId');
  }
  assertValidSource(command.source, 'source');
  assertTimestamp(command.reportedAt, 'reportedAt');
  if (!known.deals.has(command.targetDealId)) {
    throw invalid(ErrorCodes.unknownLinkTarget, `targetDealId must name a registered deal: ${command.targetDealId} is not`, 'targetDealId');
  }
  if (deal.links.has(command.linkId)) {
    throw conflict(ErrorCodes.linkAlreadyExists, `Link ${command.linkId} already exists on this deal`, 'linkId');
  }
  for (const [linkId, link] of deal.links) {
    if (link.relation === command.relation && link.targetDealId === command.targetDealId) {
      throw conflict(ErrorCodes.dealAlreadyLinked, `Deal ${deal.dealId} is already linked to ${command.targetDealId} as ${command.relation} (link ${linkId})`, 'targetDealId', { linkId });
    }
  }
  const { linkId, relation, targetDealId, source, reportedAt } = command;
  return [{ type: 'DealLinked.v1', data: { linkId, relation, targetDealId, source, reportedAt } }];
}
