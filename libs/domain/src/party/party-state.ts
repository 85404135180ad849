import type { PartyKind } from '../deal/deal-events.js';
import type { PartyEvent } from './party-events.js';

/** A name the party bore, from `effectiveAt` on; the registered name has none (it holds from the start). */
export interface DatedName {
  name: string;
  effectiveAt?: string;
}

export interface ParentLink {
  parentId: string;
  from: string;
  /** When the link ended; absent while it is open. */
  until?: string;
}

export type PartyState =
  | { registered: false }
  | {
      registered: true;
      partyId: string;
      kind: PartyKind;
      country?: string;
      lei?: string;
      /** In record order: the registered name first, then each rename. */
      names: readonly DatedName[];
      aliases: readonly string[];
      /** In record order; a parent may be linked again once its earlier link ended. */
      parents: readonly ParentLink[];
    };

export type RegisteredPartyState = Extract<PartyState, { registered: true }>;

export const initialPartyState: PartyState = { registered: false };

/** Applies one past event; never throws (the deciders checked it when it was written). */
export function evolveParty(state: PartyState, event: PartyEvent): PartyState {
  if (event.type === 'PartyRegistered.v1') {
    const { partyId, name, kind, country, lei } = event.data;
    return {
      registered: true,
      partyId,
      kind,
      ...(country !== undefined ? { country } : {}),
      ...(lei !== undefined ? { lei } : {}),
      names: [{ name }],
      aliases: [],
      parents: [],
    };
  }
  if (!state.registered) return state;
  switch (event.type) {
    case 'PartyRenamed.v1':
      return { ...state, names: [...state.names, { name: event.data.name, effectiveAt: event.data.effectiveAt }] };
    case 'PartyAliasAdded.v1':
      return { ...state, aliases: [...state.aliases, event.data.alias] };
    case 'PartyParentLinked.v1':
      return { ...state, parents: [...state.parents, { parentId: event.data.parentId, from: event.data.effectiveAt }] };
    case 'PartyParentLinkEnded.v1': {
      const open = openLinkTo(state, event.data.parentId);
      return { ...state, parents: state.parents.map((link) => (link === open ? { ...link, until: event.data.effectiveAt } : link)) };
    }
  }
}

export function foldParty(events: Iterable<PartyEvent>): PartyState {
  let state = initialPartyState;
  for (const event of events) state = evolveParty(state, event);
  return state;
}

export function openLinkTo(state: RegisteredPartyState, parentId: string): ParentLink | undefined {
  return state.parents.find((link) => link.parentId === parentId && link.until === undefined);
}

/**
 * The name in effect in the world at `at`: the rename with the latest effectiveAt not after
 * it (of two with the same date, the one recorded later), else the registered name, which
 * holds from the start. Without `at`, the name in effect last.
 */
export function nameInEffectAt(names: readonly DatedName[], at?: string): string {
  const instant = at === undefined ? Number.POSITIVE_INFINITY : Date.parse(at);
  let found = names[0]!;
  let foundFrom = Number.NEGATIVE_INFINITY;
  for (const entry of names.slice(1)) {
    const from = Date.parse(entry.effectiveAt!);
    if (from <= instant && from >= foundFrom) {
      found = entry;
      foundFrom = from;
    }
  }
  return found.name;
}
