import type { PartyKind } from './deal-events.js';
import type { EffectiveWindow } from '../values/effective-window.js';

/** The writer's word that an `effectiveAt` outside the plausible window is meant, and why. */
export interface PlausibilityOverride {
  reason: string;
}

/** A party of the registry as a deal naming it by id takes it: its name now, its kind and country. */
export interface RegisteredPartyInfo {
  name: string;
  kind: PartyKind;
  country?: string;
}

/**
 * The other streams a command names, as the application found them just before deciding
 * (deal-references.ts says which): the decider reads no stream of its own.
 */
export interface KnownReferences {
  /** The deals among the command's references that are registered. */
  deals: ReadonlySet<string>;
  /** The registered parties among the command's references. */
  parties: ReadonlyMap<string, RegisteredPartyInfo>;
}

export const NO_REFERENCES: KnownReferences = { deals: new Set(), parties: new Map() };

/**
 * What a decision needs besides the command and the state. The domain reads no clock:
 * the moment the command was received comes in here, like every id comes in with the command.
 */
export interface DecisionContext {
  /** When the ledger received the command (ISO-8601): no report or publication can be later. */
  now: string;
  effectiveWindow: EffectiveWindow;
  plausibilityOverride?: PlausibilityOverride;
  /** Absent for commands that name no other stream. */
  references?: KnownReferences;
}
