import type { PartyKind } from '../deal/deal-events.js';
import type { Source } from '../values/figure.js';
import type { PartyEvent } from './party-events.js';
import { evolveParty, initialPartyState, nameInEffectAt, type ParentLink } from './party-state.js';

/** A party event with when the ledger recorded it (the store's commit time). */
export interface RecordedPartyEvent {
  event: PartyEvent;
  recordedAt: string;
}

export interface PartyNameEntry {
  name: string;
  /** Absent for the registered name: it holds from the start. */
  effectiveAt?: string;
  reportedAt: string;
  recordedAt: string;
  source: Source;
}

/** What `GET /parties/:id` answers: the party as its events say, names with their three dates. */
export interface PartyRecord {
  partyId: string;
  /** The name in effect at validAt (or the latest one in effect). */
  name: string;
  kind: PartyKind;
  country?: string;
  lei?: string;
  aliases: string[];
  /** Every name, registered one first, in record order. */
  names: PartyNameEntry[];
  /** Parent links; with validAt, only those in effect then. */
  parents: ParentLink[];
  registeredAt: string;
}

/**
 * Folds a party's events (those on record at the moment asked about) into its record, with
 * the name and parents in effect in the world at `validAt`. Undefined when nothing of the
 * party was on record yet.
 */
export function partyRecordOf(events: readonly RecordedPartyEvent[], validAt?: string): PartyRecord | undefined {
  let state = initialPartyState;
  const names: PartyNameEntry[] = [];
  let registeredAt: string | undefined;
  for (const { event, recordedAt } of events) {
    state = evolveParty(state, event);
    if (event.type === 'PartyRegistered.v1') {
      registeredAt = recordedAt;
      names.push({ name: event.data.name, reportedAt: event.data.reportedAt, recordedAt, source: event.data.source });
    }
    if (event.type === 'PartyRenamed.v1') {
      const { name, effectiveAt, reportedAt, source } = event.data;
      names.push({ name, effectiveAt, reportedAt, recordedAt, source });
    }
  }
  if (!state.registered || registeredAt === undefined) return undefined;
  const at = validAt === undefined ? undefined : Date.parse(validAt);
  const inEffect = (link: ParentLink) =>
    at === undefined || (Date.parse(link.from) <= at && (link.until === undefined || at < Date.parse(link.until)));
  return {
    partyId: state.partyId,
    name: nameInEffectAt(state.names, validAt),
    kind: state.kind,
    ...(state.country !== undefined ? { country: state.country } : {}),
    ...(state.lei !== undefined ? { lei: state.lei } : {}),
    aliases: [...state.aliases],
    names,
    parents: state.parents.filter(inEffect),
    registeredAt,
  };
}
