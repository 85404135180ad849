import {
  CURRENT_DEAL_EVENT_TYPES,
  DEAL_CATEGORY,
  SUPERSEDED_DEAL_EVENT_TYPES,
  dealStreamName,
  invalid,
  isValidId,
  type DealEventType,
} from '#domain';
import type { EventFilter } from '#event-store';

/**
 * What a subscriber asks for, in the API's terms. Every criterion given must hold; each
 * lists alternatives. Types are the current wire names: a subscriber never sees a
 * superseded version, so asking for `OfftakeSigned.v3` also selects what was stored as
 * `OfftakeSigned.v1` or `.v2` (and naming any version means the same as naming v3).
 */
export interface EventSelection {
  categories?: string[];
  types?: string[];
  dealIds?: string[];
}

/** The categories whose events have a published contract (see /schemas). */
export const PUBLISHED_CATEGORIES: readonly string[] = [DEAL_CATEGORY];

const supersededBy = SUPERSEDED_DEAL_EVENT_TYPES as Readonly<Record<string, DealEventType>>;

/**
 * Checks a selection and puts it in canonical form (current type names, no repeats).
 * `field` prefixes the offending field in errors (`type`, `filter.types`).
 */
export function normalizeSelection(selection: EventSelection, fields: { categories: string; types: string; dealIds: string }): EventSelection {
  const categories = selection.categories && unique(selection.categories);
  categories?.forEach((category) => {
    if (!PUBLISHED_CATEGORIES.includes(category)) {
      throw invalid(
        'SUBSCRIPTION.UNKNOWN_CATEGORY',
        `${fields.categories} must be one of ${PUBLISHED_CATEGORIES.join(', ')} (the categories with a published contract)`,
        fields.categories,
      );
    }
  });
  const types = selection.types && unique(selection.types.map((type) => currentTypeOf(type, fields.types)));
  const dealIds = selection.dealIds && unique(selection.dealIds);
  dealIds?.forEach((dealId) => {
    if (!isValidId(dealId)) throw invalid('ID.INVALID', `${fields.dealIds} must be deal ids (A-Z a-z 0-9 . _ -)`, fields.dealIds);
  });
  return { ...(categories ? { categories } : {}), ...(types ? { types } : {}), ...(dealIds ? { dealIds } : {}) };
}

/** The store's filter for a normalized selection: deal streams only, stored versions included. */
export function storeFilterOf(selection: EventSelection): EventFilter {
  const categories = (selection.categories ?? PUBLISHED_CATEGORIES).filter((c) => PUBLISHED_CATEGORIES.includes(c));
  return {
    categories,
    ...(selection.types ? { eventTypes: storedTypesOf(selection.types) } : {}),
    ...(selection.dealIds ? { streamIds: selection.dealIds.map(dealStreamName) } : {}),
  };
}

function currentTypeOf(type: string, field: string): DealEventType {
  if ((CURRENT_DEAL_EVENT_TYPES as readonly string[]).includes(type)) return type as DealEventType;
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
