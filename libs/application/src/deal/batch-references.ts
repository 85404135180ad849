import type { EventStore } from '#event-store';
import { referencesIn, type ReferenceReader, type RegistryEntry } from './deal-references.js';

/**
 * The references of one batch's commands, each stream read at most once per batch. Deals
 * of one import name the same parties over and over: read per command, 10,000 deals of
 * ~7 parties each were ~70,000 reads of the party registry.
 *
 * A memo is a snapshot per batch: what another writer registers or renames while a batch is
 * decided is seen from the next batch (the references were never part of the append's check).
 * Nothing this import does writes a party stream while a batch is decided: its party lines
 * are recorded between batches, and each batch starts a new memo (so a party registered by
 * an earlier line is seen). A deal registered by an earlier command of the same batch is not in the store
 * yet: `registeredHere` says so, and is asked first, every time.
 */
export function batchReferences(store: EventStore, registeredHere: (dealId: string) => boolean): ReferenceReader {
  const fromStore = referencesIn(store);
  const deals = new Map<string, Promise<boolean>>();
  const parties = new Map<string, Promise<RegistryEntry | undefined>>();
  return {
    dealRegistered: async (dealId) => registeredHere(dealId) || memo(deals, dealId, fromStore.dealRegistered),
    registeredParty: (partyId) => memo(parties, partyId, fromStore.registeredParty),
  };
}

function memo<T>(known: Map<string, Promise<T>>, id: string, read: (id: string) => Promise<T>): Promise<T> {
  let found = known.get(id);
  if (!found) {
    found = read(id);
    known.set(id, found);
    // A failed read is not remembered: the next command naming the stream reads it again, as alone it would.
    found.catch(() => known.delete(id));
  }
  return found;
}
