import { DomainError, dealStreamName } from '#domain';
import type { EventStore } from '#event-store';
import { recordCommands } from '#testing';
import { ARBITRARY_DEAL_ID, type Step } from '../../../domain/src/deal/testing/arbitrary-commands.js';
import { loadDeal } from '../deal/load-deal.js';

/**
 * Test-only: records one generated step on the arbitrary deal, offered the deal's parties
 * and its figures not retracted. The rules refuse some generated commands: those write nothing.
 */
export async function recordArbitraryStep(store: EventStore, next: Step): Promise<void> {
  const { state } = await loadDeal(store, dealStreamName(ARBITRARY_DEAL_ID));
  if (!state.registered) return;
  const open = [...state.figures.values()].filter((f) => f.status !== 'retracted');
  const command = next([...state.parties.keys()], new Map(open.map((f) => [f.figureId, f.measureKind])));
  if (command) await recordCommands(store, [command]).catch((error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
  });
}
