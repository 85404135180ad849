import type { Source } from '../values/figure.js';
import type { PartyKind } from '../deal/deal-events.js';

/**
 * The events of a party stream (`party-<partyId>`): a company, agency or person that deals
 * name, recorded once and referred to by id. Wire names are explicit and versioned, like
 * the deal events'. Every change carries the date it took effect in the world
 * (`effectiveAt`) and the date its source reported it; the date the ledger recorded it is
 * the store's commit time, so a rename has all three (GLEIF records renames the same way).
 */

export interface PartyRegisteredV1 {
  partyId: string;
  name: string;
  kind: PartyKind;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  /** ISO 17442, its check digits verified. */
  lei?: string;
  source: Source;
  reportedAt: string;
}

export interface PartyRenamedV1 {
  name: string;
  effectiveAt: string;
  source: Source;
  reportedAt: string;
}

/** Another name the party goes by ("Iwatani" for "Iwatani Corporation"); its former names are renames. */
export interface PartyAliasAddedV1 {
  alias: string;
  source: Source;
  reportedAt: string;
  effectiveAt?: string;
}

/** The party became a unit of `parentId` (Caremag of Carester) from `effectiveAt`. */
export interface PartyParentLinkedV1 {
  parentId: string;
  effectiveAt: string;
  source: Source;
  reportedAt: string;
}

/** The party stopped being a unit of `parentId` at `effectiveAt`. */
export interface PartyParentLinkEndedV1 {
  parentId: string;
  effectiveAt: string;
  source: Source;
  reportedAt: string;
}

export type PartyEvent =
  | { type: 'PartyRegistered.v1'; data: PartyRegisteredV1 }
  | { type: 'PartyRenamed.v1'; data: PartyRenamedV1 }
  | { type: 'PartyAliasAdded.v1'; data: PartyAliasAddedV1 }
  | { type: 'PartyParentLinked.v1'; data: PartyParentLinkedV1 }
  | { type: 'PartyParentLinkEnded.v1'; data: PartyParentLinkEndedV1 };

export type PartyEventType = PartyEvent['type'];

export const PARTY_EVENT_TYPES: readonly PartyEventType[] = [
  'PartyRegistered.v1',
  'PartyRenamed.v1',
  'PartyAliasAdded.v1',
  'PartyParentLinked.v1',
  'PartyParentLinkEnded.v1',
];

export function isPartyEventType(type: string): type is PartyEventType {
  return (PARTY_EVENT_TYPES as readonly string[]).includes(type);
}
