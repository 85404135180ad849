import type { EventStore } from '#event-store';
import { adminStreamName } from '../admin/admin-events.js';
import { foldLegalHolds, isLegalHoldEvent, type LegalHoldLedger, type ReleasedLegalHold } from './legal-hold-events.js';
import type { LegalHold } from './legal-hold.js';

/** The one stream of holds: placed and released, in the order they were recorded. */
export const LEGAL_HOLDS_STREAM = adminStreamName('holds');

/** Every hold ever placed: those in force and those released, folded from the store itself. */
export async function legalHoldLedger(store: EventStore): Promise<LegalHoldLedger> {
  const events = await store.readStream(LEGAL_HOLDS_STREAM);
  return foldLegalHolds(events.filter(isLegalHoldEvent));
}

/**
 * The holds in force now, for whatever removes data (disposal, erasure) to check with
 * `holdsCovering` before it acts. Read from the store, never from a read model: a hold placed
 * a moment ago must stop a disposal that starts now, whatever a projection has caught up
 * with. One read of one short stream (a hold is placed by hand): no cache to go stale.
 */
export async function activeLegalHolds(store: EventStore): Promise<LegalHold[]> {
  return (await legalHoldLedger(store)).inForce;
}

/** The holds released, with who released each, when and why (oldest release first). */
export async function releasedLegalHolds(store: EventStore): Promise<ReleasedLegalHold[]> {
  return (await legalHoldLedger(store)).released;
}
