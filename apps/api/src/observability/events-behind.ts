import type { EventStore } from '#event-store';

/**
 * Events between a reader's position and the log's head. Where positions count events
 * (SQLite, in memory) that is their difference; on KurrentDB they are byte offsets, so the
 * events after `position` are read and counted, at most `limit` of them: enough to tell
 * whether a bound is kept without reading the whole gap at every probe.
 */
export async function eventsBehind(store: EventStore, position: number, head: number, densePositions: boolean, limit: number): Promise<number> {
  if (head <= position) return 0;
  if (densePositions) return head - position;
  let count = 0;
  for await (const _event of store.readAll({ after: position, maxCount: limit })) count += 1;
  return count;
}

/**
 * `eventsBehind` for many readers at once (one gauge's series): each position counted once,
 * however many readers stand there, and none of those caught up read at all.
 */
export async function eventsBehindEach(
  store: EventStore,
  positions: readonly number[],
  head: number,
  densePositions: boolean,
  limit: number,
): Promise<number[]> {
  const counted = new Map<number, number>();
  for (const position of new Set(positions)) counted.set(position, await eventsBehind(store, position, head, densePositions, limit));
  return positions.map((position) => counted.get(position)!);
}
