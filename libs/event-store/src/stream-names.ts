import { InvalidStreamNameError } from './event-store.errors.js';
import type { EventFilter, RecordedEvent } from './event-store.port.js';

export const MAX_STREAM_NAME_LENGTH = 200;

/**
 * The part of a stream id before the first '-', or the whole id: the same rule as
 * KurrentDB's `$by_category` projection (default separator, first occurrence), so that
 * `$ce-deal` and our category filters agree.
 */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}

/** '$' names are KurrentDB's system streams (`$ce-…`, `$et-…`): never writable by us. */
export function assertWritableStreamName(streamId: string): void {
  if (
    typeof streamId !== 'string' ||
    streamId.length === 0 ||
    streamId.length > MAX_STREAM_NAME_LENGTH ||
    streamId.startsWith('$')
  ) {
    throw new InvalidStreamNameError(streamId);
  }
}

/**
 * Whether an event passes a filter: every criterion given must hold (AND), each
 * criterion is a list of alternatives (OR). An empty list matches nothing; leave the
 * criterion out to match everything.
 */
export function matchesFilter(
  event: Pick<RecordedEvent, 'streamId' | 'type'>,
  filter: EventFilter | undefined,
): boolean {
  if (!filter) return true;
  if (filter.categories && !filter.categories.includes(categoryOf(event.streamId))) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.streamIds && !filter.streamIds.includes(event.streamId)) return false;
  return true;
}
