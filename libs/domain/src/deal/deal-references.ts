import { isValidId } from '../values/identifiers.js';
import type { DealCommand } from './deal-commands.js';

/** The other streams a deal command names: deals it links to, parties it may take from the registry. */
export interface DealReferences {
  deals: string[];
  parties: string[];
}

/**
 * Pure, so the application knows which streams to read before deciding. Every party a
 * deal names is looked up (a registered one is marked, and may be named by id alone); an
 * id that is not valid is left to the decider, which refuses it by field.
 */
export function dealReferencesOf(command: DealCommand): DealReferences {
  switch (command.type) {
    case 'LinkDeal':
      return { deals: validIds([command.targetDealId]), parties: [] };
    case 'RegisterDeal':
      return { deals: [], parties: validIds(Array.isArray(command.parties) ? command.parties.map((party) => party?.partyId) : []) };
    case 'JoinDeal':
      return { deals: [], parties: validIds([command.party?.partyId]) };
    default:
      return { deals: [], parties: [] };
  }
}

function validIds(ids: readonly unknown[]): string[] {
  return [...new Set(ids.filter(isValidId))];
}
