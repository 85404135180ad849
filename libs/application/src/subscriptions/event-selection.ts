import {
  CURRENT_DEAL_EVENT_TYPES,
  DEAL_CATEGORY,
  PARTY_CATEGORY,
  RECORDS_CATEGORY,
  SUPERSEDED_DEAL_EVENT_TYPES,
  dealStreamName,
  invalid,
  isPartyEventType,
  isRecordsEventType,
  isValidId,
  partyStreamName,
  type DealEventType,
  type PartyEventType,
  type RecordsEventType,
} from '#domain';
import type { EventFilter } from '#event-store';

/**
 * What a subscriber asks for, in the API's terms. Every criterion given must hold; each
 * lists alternatives. Types are the current wire names: a subscriber never sees a
 * superseded version, so asking for `OfftakeSigned.v3` also selects what was stored as
 * `OfftakeSigned.v1` or `.v2` (and naming any version means the same as naming v3).
 * `dealIds` and `partyIds` name streams: given together, they select the events of any of
 * those deals and parties (a deal's events and a party's never share a stream, so asking
 * for both to hold would select nothing). Records events name no deal or party: a selection
 * with `dealIds` or `partyIds` selects none of them.
 */
export interface EventSelection {
  categories?: string[];
  types?: string[];
  dealIds?: string[];
  partyIds?: string[];
}

/** A selection in canonical form: its categories always named, so what it selects never depends on a default. */
export type NormalizedSelection = EventSelection & { categories: string[] };

/**
 * The categories whose events have a published contract (see /schemas): a selection that
 * names none selects them all, records included (a service that received names by default
 * must hear of their erasure by default). Stored selections name their categories, so a
 * category published later never changes what an existing durable subscription receives.
 */
export const PUBLISHED_CATEGORIES: readonly string[] = [DEAL_CATEGORY, PARTY_CATEGORY, RECORDS_CATEGORY];

/** Where a selection's criteria are named in errors (`type`, `filter.types`). */
export interface SelectionFields {
  categories: string;
  types: string;
  dealIds: string;
  partyIds: string;
}

const supersededBy = SUPERSEDED_DEAL_EVENT_TYPES as Readonly<Record<string, DealEventType>>;

/**
 * Checks a selection and puts it in canonical form: the categories named (every published
 * one when it names none), current type names, no repeats, sorted. `fields` names the
 * offending field in errors.
 */
export function normalizeSelection(selection: EventSelection, fields: SelectionFields): NormalizedSelection {
  const categories = unique(selection.categories ?? PUBLISHED_CATEGORIES);
  categories.forEach((category) => {
    if (!PUBLISHED_CATEGORIES.includes(category)) {
      throw invalid(
        'SUBSCRIPTION.UNKNOWN_CATEGORY',
        `${fields.categories} must be one of ${PUBLISHED_CATEGORIES.join(', ')} (the categories with a published contract)`,
        fields.categories,
      );
    }
  });
  const types = selection.types && unique(selection.types.map((type) => currentTypeOf(type, fields.types)));
  const dealIds = selection.dealIds && checkedIds(selection.dealIds, fields.dealIds, 'deal');
  const partyIds = selection.partyIds && checkedIds(selection.partyIds, fields.partyIds, 'party');
  return { categories, ...(types ? { types } : {}), ...(dealIds ? { dealIds } : {}), ...(partyIds ? { partyIds } : {}) };
}

/** The store's filter for a normalized selection: published streams only, stored versions included. */
export function storeFilterOf(selection: NormalizedSelection): EventFilter {
  const streamIds = [...(selection.dealIds ?? []).map(dealStreamName), ...(selection.partyIds ?? []).map(partyStreamName)];
  return {
    categories: selection.categories.filter((c) => PUBLISHED_CATEGORIES.includes(c)),
    ...(selection.types ? { eventTypes: storedTypesOf(selection.types) } : {}),
    ...(selection.dealIds || selection.partyIds ? { streamIds } : {}),
  };
}

function checkedIds(ids: readonly string[], field: string, kind: 'deal' | 'party'): string[] {
  ids.forEach((id) => {
    if (!isValidId(id)) throw invalid('ID.INVALID', `${field} must be ${kind} ids (A-Z a-z 0-9 . _ -)`, field);
  });
  return unique(ids);
}

function currentTypeOf(type: string, field: string): DealEventType | PartyEventType | RecordsEventType {
  if ((CURRENT_DEAL_EVENT_TYPES as readonly string[]).includes(type) || isPartyEventType(type) || isRecordsEventType(type)) return type as DealEventType | PartyEventType | RecordsEventType;
  const successor = supersededBy[type];
  if (successor !== undefined) return successor;
  throw invalid('SUBSCRIPTION.UNKNOWN_EVENT_TYPE', `${field} must name event types listed at /schemas, not ${JSON.stringify(type)}`, field);
}

/**
 * Each type's current version with every superseded version its upcasters read as it. A
 * selection stored by an earlier release names the types current then (`StakeDisclosed.v1`):
 * it selects their later versions too, or a durable subscription would miss them silently.
 */
function storedTypesOf(types: readonly string[]): string[] {
  const current = unique(types.map((type) => supersededBy[type] ?? type));
  return current.flatMap((type) => [type, ...Object.keys(supersededBy).filter((old) => supersededBy[old] === type)]);
}

/** Without repeats, sorted: two selections that mean the same compare equal. */
function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
