import { dealReferencesOf, dealStreamName, nameInEffectAt, partyStreamName, type DealCommand, type KnownReferences, type RegisteredPartyInfo } from '#domain';
import type { EventStore } from '#event-store';
import { loadStream, streamExists } from '../command-handling/handle-command.js';
import { partyFold } from '../party/party-fold.js';

/**
 * What the streams a deal command names hold, read just before it is decided: which deals
 * exist, and each registered party's name now, kind and country. `registeredHere` says
 * whether a deal was registered by an earlier command of the same batch (bulk import).
 * Undefined for a command that names no other stream, which reads nothing more.
 */
export async function knownReferencesOf(
  store: EventStore,
  command: DealCommand,
  registeredHere: (dealId: string) => boolean = () => false,
): Promise<KnownReferences | undefined> {
  const { deals, parties } = dealReferencesOf(command);
  if (deals.length === 0 && parties.length === 0) return undefined;
  const [foundDeals, foundParties] = await Promise.all([
    Promise.all(deals.map(async (dealId) => (registeredHere(dealId) || (await streamExists(store, dealStreamName(dealId))) ? [dealId] : []))),
    Promise.all(parties.map(async (partyId) => registeredPartyInfo(store, partyId))),
  ]);
  return { deals: new Set(foundDeals.flat()), parties: new Map(foundParties.flat()) };
}

async function registeredPartyInfo(store: EventStore, partyId: string): Promise<[string, RegisteredPartyInfo][]> {
  const { state } = await loadStream(store, partyStreamName(partyId), partyFold);
  if (!state.registered) return [];
  const info = { name: nameInEffectAt(state.names), kind: state.kind, ...(state.country !== undefined ? { country: state.country } : {}) };
  return [[partyId, info]];
}
