import type { EVENT_TYPE, Filter, STREAM_NAME } from '@kurrent/kurrentdb-client';
import type { EventFilter } from '../../event-store.port.js';
import { categoryOf } from '../../stream-names.js';
import { serverStreamName, type StoreScope } from './kurrentdb-scope.js';

/**
 * The filter the server applies to a read or subscription of `$all`: always one that keeps
 * system streams out, narrowed as far as one server-side criterion allows (KurrentDB filters
 * either on stream names or on event types, not both). The server filter only saves
 * traffic: every event is checked again against the store's scope and the caller's filter
 * before it is yielded, so correctness never depends on it.
 * `undefined` means the filter matches nothing and the server need not be asked at all.
 */
export function serverFilterFor(scope: StoreScope, filter: EventFilter | undefined): Filter | undefined {
  const prefix = escapeRegex(scope.streamPrefix);
  if (filter?.streamIds) {
    const ids = filter.streamIds.filter((id) => !scope.categories || scope.categories.includes(categoryOf(id)));
    if (ids.length === 0) return undefined;
    return streamNameRegex(`^(?:${ids.map((id) => escapeRegex(serverStreamName(scope, id))).join('|')})$`);
  }
  const categories = intersect(scope.categories, filter?.categories);
  if (categories) {
    if (categories.length === 0) return undefined;
    // The category is the part before the first '-', or the whole name.
    return streamNameRegex(`^${prefix}(?:${categories.map(escapeRegex).join('|')})(?:-|$)`);
  }
  if (filter?.eventTypes?.length === 0) return undefined;
  if (prefix !== '') return streamNameRegex(`^${prefix}`);
  if (filter?.eventTypes) return eventTypeRegex(`^(?:${filter.eventTypes.map(escapeRegex).join('|')})$`);
  // Every stream but the system ones ($ce-…, $$…, $stats-…).
  return streamNameRegex('^[^$]');
}

/** Escapes what .NET regular expressions (the server's) give a meaning to. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

function intersect(a: readonly string[] | undefined, b: readonly string[] | undefined): readonly string[] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.filter((c) => b.includes(c));
}

const streamNameRegex = (regex: string): Filter => ({
  filterOn: 'streamName' satisfies typeof STREAM_NAME,
  regex,
  checkpointInterval: 1,
});

const eventTypeRegex = (regex: string): Filter => ({
  filterOn: 'eventType' satisfies typeof EVENT_TYPE,
  regex,
  checkpointInterval: 1,
});
