import { partyIdFromStreamName } from '#domain';
import type { EventStore } from '#event-store';
import { loadDeal } from '../deal/load-deal.js';

/**
 * The parties a stream's records involve, as a hold on a party reads them: a party's own
 * stream involves that party; a deal's, every party the deal has (as its log says now).
 */
export async function partiesOfStream(store: EventStore, streamId: string): Promise<string[]> {
  const partyId = partyIdFromStreamName(streamId);
  if (partyId !== undefined) return [partyId];
  const { state } = await loadDeal(store, streamId);
  return state.registered ? [...state.parties.keys()] : [];
}
