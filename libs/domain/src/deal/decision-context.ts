import type { EffectiveWindow } from '../values/effective-window.js';

/** The writer's word that an `effectiveAt` outside the plausible window is meant, and why. */
export interface PlausibilityOverride {
  reason: string;
}

/**
 * What a decision needs besides the command and the state. The domain reads no clock:
 * the moment the command was received comes in here, like every id comes in with the command.
 */
export interface DecisionContext {
  /** When the ledger received the command (ISO-8601): no report or publication can be later. */
  now: string;
  effectiveWindow: EffectiveWindow;
  plausibilityOverride?: PlausibilityOverride;
}
