import {
  dealReferencesOf,
  dealStreamName,
  nameInEffectAt,
  partyStreamName,
  type DatedName,
  type DealCommand,
  type KnownReferences,
  type RegisteredPartyInfo,
} from '#domain';
import type { EventStore } from '#event-store';
import { loadStream, streamExists } from '../command-handling/handle-command.js';
import { partyFold } from '../party/party-fold.js';

/**
 * How the streams a deal command names are read: straight from the store for one command
 * (`referencesIn`), or through a batch's memo (batch-references.ts) for a bulk import.
 */
export interface ReferenceReader {
  dealRegistered(dealId: string): Promise<boolean>;
  /** The party's dated names, kind and country; undefined when the registry holds no such party. */
  registeredParty(partyId: string): Promise<RegistryEntry | undefined>;
}

/** A party of the registry as a deal may take it: its names with the dates they took effect. */
export interface RegistryEntry extends Omit<RegisteredPartyInfo, 'name'> {
  names: readonly DatedName[];
}

/** Every lookup a read of its stream, as the one-command path does it. */
export function referencesIn(store: EventStore): ReferenceReader {
  return {
    // A deal stream begins with its registration: one event read says whether it exists.
    dealRegistered: (dealId) => streamExists(store, dealStreamName(dealId)),
    registeredParty: (partyId) => registeredPartyInfo(store, partyId),
  };
}

/**
 * What the streams a deal command names hold, read just before it is decided: which deals
 * exist, and each registered party's kind, country and name in effect when the command was
 * received (`receivedAt`: a rename dated later is not yet the name). Undefined for a command
 * that names no other stream, which reads nothing more.
 */
export async function knownReferencesOf(command: DealCommand, reader: ReferenceReader, receivedAt: string): Promise<KnownReferences | undefined> {
  const { deals, parties } = dealReferencesOf(command);
  if (deals.length === 0 && parties.length === 0) return undefined;
  const [foundDeals, foundParties] = await Promise.all([
    Promise.all(deals.map(async (dealId) => ((await reader.dealRegistered(dealId)) ? [dealId] : []))),
    Promise.all(parties.map(async (partyId) => {
      const entry = await reader.registeredParty(partyId);
      if (!entry) return [];
      const { names, ...rest } = entry;
      return [[partyId, { name: nameInEffectAt(names, receivedAt), ...rest }] as const];
    })),
  ]);
  return { deals: new Set(foundDeals.flat()), parties: new Map(foundParties.flat()) };
}

async function registeredPartyInfo(store: EventStore, partyId: string): Promise<RegistryEntry | undefined> {
  const { state } = await loadStream(store, partyStreamName(partyId), partyFold);
  if (!state.registered) return undefined;
  return { names: state.names, kind: state.kind, ...(state.country !== undefined ? { country: state.country } : {}) };
}
