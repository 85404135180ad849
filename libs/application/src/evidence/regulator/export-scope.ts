import {
  assertValidId,
  DEAL_CATEGORY,
  dealStreamName,
  ErrorCodes,
  fromStoredEvent,
  invalid,
  notFound,
  PARTY_CATEGORY,
  partyStreamName,
} from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import type { ExportScope } from '#verifier';
import { ApplicationError } from '../../application.errors.js';
import { dealNotFound } from '../../queries/get-deal.query.js';

export type { ExportScope } from '#verifier';

/** What a scope selects: exactly its events (log order), and each stream they lie in from revision 0 to its last selected event. */
export interface ScopeSelection {
  selected: RecordedEvent[];
  /** By stream id, sorted: the chain of a selected event needs the events before it. */
  streams: Map<string, RecordedEvent[]>;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A scope from what a caller gave (CLI options or query parameters), checked field by field.
 * Instants are written back in one spelling (UTC, milliseconds), so that two ways of writing
 * the same moment ask for the same package.
 */
export function exportScopeOf(input: { dealId?: string; partyId?: string; from?: string; to?: string }): ExportScope {
  if (input.dealId !== undefined) {
    assertValidId(input.dealId, 'dealId');
    return { kind: 'deal', dealId: input.dealId };
  }
  if (input.partyId !== undefined) {
    assertValidId(input.partyId, 'partyId');
    return { kind: 'party', partyId: input.partyId };
  }
  const from = instant(input.from, 'from');
  const to = instant(input.to, 'to');
  if (Date.parse(from) >= Date.parse(to)) {
    throw new ApplicationError('EXPORT.RANGE_INVERTED', `to (${to}) must be after from (${from}): the range is [from, to)`, 'invalid', { field: 'to' });
  }
  return { kind: 'recorded', from, to };
}

function instant(value: string | undefined, field: string): string {
  if (value === undefined) throw invalid(ErrorCodes.required, `${field} is required (an ISO 8601 instant with a zone, e.g. 2025-08-01T00:00:00Z)`, field);
  const at = Date.parse(value);
  if (!INSTANT.test(value) || Number.isNaN(at)) throw invalid(ErrorCodes.invalidTimestamp, `${field} must be an ISO 8601 instant with a zone, e.g. 2025-08-01T00:00:00Z`, field);
  return new Date(at).toISOString();
}

/**
 * The events a scope selects, read from the store itself (never from read models, which may
 * lag): a deal's stream; a party's stream and every deal stream that names the party (when
 * registered or joining); or every deal and party event the ledger recorded in [from, to).
 * The access and admin streams are not part of any scope: they are records about the ledger,
 * not of the facts it holds.
 */
export async function selectScope(store: EventStore, scope: ExportScope): Promise<ScopeSelection> {
  switch (scope.kind) {
    case 'deal': {
      const events = await store.readStream(dealStreamName(scope.dealId));
      if (events.length === 0) throw dealNotFound(scope.dealId);
      return selection(events, new Map([[events[0]!.streamId, events]]));
    }
    case 'party': {
      const own = await store.readStream(partyStreamName(scope.partyId));
      const deals = await streamsOf(store, [DEAL_CATEGORY]);
      const named = [...deals].filter(([, events]) => events.some((event) => namesParty(event, scope.partyId)));
      if (own.length === 0 && named.length === 0) {
        throw notFound(ErrorCodes.partyNotFound, `No party ${scope.partyId} is registered or named by a deal`, 'partyId');
      }
      const streams = new Map([...named, ...(own.length > 0 ? [[own[0]!.streamId, own] as const] : [])]);
      return selection([...streams.values()].flat(), streams);
    }
    case 'recorded': {
      const from = Date.parse(scope.from);
      const to = Date.parse(scope.to);
      const all = await streamsOf(store, [DEAL_CATEGORY, PARTY_CATEGORY]);
      const streams = new Map<string, RecordedEvent[]>();
      const selected: RecordedEvent[] = [];
      for (const [streamId, events] of all) {
        const inRange = events.filter((event) => Date.parse(event.recordedAt) >= from && Date.parse(event.recordedAt) < to);
        if (inRange.length === 0) continue;
        selected.push(...inRange);
        streams.set(streamId, events.slice(0, inRange.at(-1)!.revision + 1));
      }
      if (selected.length === 0) {
        throw new ApplicationError('EXPORT.NOTHING_RECORDED', `The ledger recorded no deal or party event in [${scope.from}, ${scope.to})`, 'not_found', {
          field: 'from',
        });
      }
      return selection(selected, streams);
    }
  }
}

function selection(selected: RecordedEvent[], streams: Map<string, RecordedEvent[]>): ScopeSelection {
  return {
    selected: [...selected].sort((a, b) => a.position - b.position),
    streams: new Map([...streams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

async function streamsOf(store: EventStore, categories: string[]): Promise<Map<string, RecordedEvent[]>> {
  const streams = new Map<string, RecordedEvent[]>();
  for await (const event of store.readAll({ filter: { categories } })) {
    const events = streams.get(event.streamId) ?? [];
    events.push(event);
    streams.set(event.streamId, events);
  }
  return streams;
}

/** A deal event that names the party as one of the deal's: registering the deal with it, or its joining. */
function namesParty(recorded: RecordedEvent, partyId: string): boolean {
  // A disposed event names nobody any more (its payload is gone).
  const event = recorded.disposal ? undefined : fromStoredEvent(recorded.type, recorded.data);
  if (event?.type === 'DealRegistered.v2') return event.data.parties.some((party) => party.partyId === partyId);
  if (event?.type === 'PartyJoinedDeal.v1') return event.data.party.partyId === partyId;
  return false;
}
