import type { EventStore } from '#event-store';
import { adminStreamName } from '../admin/admin-events.js';
import { evolveLegalHolds, foldLegalHolds, isLegalHoldEvent, type LegalHoldLedger, type ReleasedLegalHold } from './legal-hold-events.js';
import type { LegalHold, LegalHoldsInForce } from './legal-hold.js';

/** The one stream of holds: placed and released, in the order they were recorded. */
export const LEGAL_HOLDS_STREAM = adminStreamName('holds');

/** Per store: the holds as folded up to a revision of the stream. */
const folded = new WeakMap<EventStore, { revision: number; ledger: LegalHoldLedger }>();

/**
 * Every hold ever placed: those in force and those released, folded from the store itself.
 * The stream only grows, so the fold is kept per store and each call reads only the events
 * recorded after it (none, mostly: one indexed read that finds nothing). Another process's
 * placing or release is in the next call's read, like this one's.
 */
export async function legalHoldLedger(store: EventStore): Promise<LegalHoldLedger> {
  const known = folded.get(store);
  const recorded = await store.readStream(LEGAL_HOLDS_STREAM, known ? { fromRevision: known.revision + 1 } : undefined);
  let ledger = known?.ledger;
  if (recorded.length > 0) {
    const holdEvents = recorded.filter(isLegalHoldEvent);
    ledger = freeze(known ? holdEvents.reduce(evolveLegalHolds, known.ledger) : foldLegalHolds(holdEvents));
    folded.set(store, { revision: recorded.at(-1)!.revision, ledger });
  }
  // Callers get lists of their own; the holds in them are frozen, shared by every caller.
  return { inForce: [...(ledger?.inForce ?? [])], released: [...(ledger?.released ?? [])] };
}

function freeze(ledger: LegalHoldLedger): LegalHoldLedger {
  for (const hold of [...ledger.inForce, ...ledger.released]) Object.freeze(Object.freeze(hold).scope);
  return ledger;
}

/**
 * The holds in force now, for whatever removes data (disposal, erasure) to check with
 * `holdsCovering` before it acts. Read from the store, never from a read model: a hold placed
 * a moment ago must stop a disposal that starts now, whatever a projection has caught up with.
 */
export async function activeLegalHolds(store: EventStore): Promise<LegalHold[]> {
  return (await legalHoldLedger(store)).inForce;
}

/** The holds released, with who released each, when and why (oldest release first). */
export async function releasedLegalHolds(store: EventStore): Promise<ReleasedLegalHold[]> {
  return (await legalHoldLedger(store)).released;
}

/** The holds in force of `store`, read afresh at each call. */
export function legalHoldsInForce(store: EventStore): LegalHoldsInForce {
  return () => activeLegalHolds(store);
}
