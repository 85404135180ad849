import type { LegalHoldSource } from '#application';
import type { EventStore } from '#event-store';

/**
 * The holds in force that retention must respect: the one place the CLI learns them, so that
 * the records module's `activeLegalHolds(store)` is wired here and nowhere else.
 */
export function legalHoldsOf(_store: EventStore): LegalHoldSource {
  return async () => [];
}
