import type { RecordedEvent } from '#event-store';
import type { LegalHold, LegalHoldScope } from './legal-hold.js';

/**
 * Events of the `admin-holds` stream, with explicit, versioned wire names. Who placed or
 * released a hold is the event's actor (the authenticated caller), when is the store's
 * commit time: neither is in the data, so neither can be claimed by a request body.
 */
export type LegalHoldEvent =
  | { type: 'LegalHoldPlaced.v1'; data: { holdId: string; scope: LegalHoldScope; reason: string; reference: string } }
  | { type: 'LegalHoldReleased.v1'; data: { holdId: string; reason: string } };

export const LEGAL_HOLD_EVENT_TYPES: readonly LegalHoldEvent['type'][] = ['LegalHoldPlaced.v1', 'LegalHoldReleased.v1'];

/** A hold no longer in force, with who released it, when and why: the admin's history. */
export interface ReleasedLegalHold extends LegalHold {
  releasedAt: string;
  releasedBy: string;
  releaseReason: string;
}

/** Every hold of the stream: those in force (in the order placed) and those released. */
export interface LegalHoldLedger {
  inForce: LegalHold[];
  released: ReleasedLegalHold[];
}

export const emptyLegalHoldLedger: LegalHoldLedger = { inForce: [], released: [] };

/** The part of a recorded event the fold reads. */
export type RecordedHoldEvent = Pick<RecordedEvent, 'type' | 'data' | 'recordedAt'> & { metadata: { actor: string } };

export const isLegalHoldEvent = (recorded: Pick<RecordedEvent, 'type'>): boolean =>
  (LEGAL_HOLD_EVENT_TYPES as readonly string[]).includes(recorded.type);

/**
 * One event folded in. Pure; events of other types leave the ledger as it is. A release of a
 * hold not in force changes nothing: the rules refuse one before it is written, so it can
 * only come from outside the ledger, and it must not end or invent a hold.
 */
export function evolveLegalHolds(ledger: LegalHoldLedger, recorded: RecordedHoldEvent): LegalHoldLedger {
  switch (recorded.type) {
    case 'LegalHoldPlaced.v1': {
      const { holdId, scope, reason, reference } = recorded.data as Extract<LegalHoldEvent, { type: 'LegalHoldPlaced.v1' }>['data'];
      if (findHold(ledger, holdId)) return ledger;
      const hold: LegalHold = { holdId, scope, reason, reference, placedAt: recorded.recordedAt, placedBy: recorded.metadata.actor };
      return { ...ledger, inForce: [...ledger.inForce, hold] };
    }
    case 'LegalHoldReleased.v1': {
      const { holdId, reason } = recorded.data as Extract<LegalHoldEvent, { type: 'LegalHoldReleased.v1' }>['data'];
      const hold = ledger.inForce.find((h) => h.holdId === holdId);
      if (!hold) return ledger;
      const released = { ...hold, releasedAt: recorded.recordedAt, releasedBy: recorded.metadata.actor, releaseReason: reason };
      return { inForce: ledger.inForce.filter((h) => h !== hold), released: [...ledger.released, released] };
    }
    default:
      return ledger;
  }
}

/**
 * The whole stream folded, as `evolveLegalHolds` one event after another would fold it, in
 * one pass over maps (evolve copies the lists at each event: fine for one, quadratic for all).
 */
export function foldLegalHolds(events: readonly RecordedHoldEvent[]): LegalHoldLedger {
  const inForce = new Map<string, LegalHold>();
  const released = new Map<string, ReleasedLegalHold>();
  for (const recorded of events) {
    if (recorded.type === 'LegalHoldPlaced.v1') {
      const { holdId, scope, reason, reference } = recorded.data as Extract<LegalHoldEvent, { type: 'LegalHoldPlaced.v1' }>['data'];
      if (inForce.has(holdId) || released.has(holdId)) continue;
      inForce.set(holdId, { holdId, scope, reason, reference, placedAt: recorded.recordedAt, placedBy: recorded.metadata.actor });
    } else if (recorded.type === 'LegalHoldReleased.v1') {
      const { holdId, reason } = recorded.data as Extract<LegalHoldEvent, { type: 'LegalHoldReleased.v1' }>['data'];
      const hold = inForce.get(holdId);
      if (!hold) continue;
      inForce.delete(holdId);
      released.set(holdId, { ...hold, releasedAt: recorded.recordedAt, releasedBy: recorded.metadata.actor, releaseReason: reason });
    }
  }
  return { inForce: [...inForce.values()], released: [...released.values()] };
}

/** The hold with this id, in force or released. */
export function findHold(ledger: LegalHoldLedger, holdId: string): { hold: LegalHold; released?: ReleasedLegalHold } | undefined {
  const inForce = ledger.inForce.find((h) => h.holdId === holdId);
  if (inForce) return { hold: inForce };
  const released = ledger.released.find((h) => h.holdId === holdId);
  return released ? { hold: released, released } : undefined;
}
