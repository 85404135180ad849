import type { EventStore } from '#event-store';

/**
 * The position of the last event recorded before `time` (0 if none): a replay "from a
 * time" reprocesses what comes after it. Commit times never go back along the log (the
 * stores take each commit's time as at least the previous one's), so a binary search
 * over positions finds it in about log2(head) one-event reads, whatever the adapter's
 * positions look like.
 */
export async function positionBefore(store: EventStore, time: Date): Promise<number> {
  const target = time.getTime();
  const firstAfter = async (position: number): Promise<{ position: number; at: number } | undefined> => {
    for await (const event of store.readAll({ after: position, maxCount: 1 })) {
      return { position: event.position, at: Date.parse(event.recordedAt) };
    }
    return undefined;
  };
  // Smallest p in [0, head] whose next event is at or after `time` (or has no next event).
  let low = 0;
  let high = await store.headPosition();
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const next = await firstAfter(middle);
    if (next === undefined || next.at >= target) high = middle;
    else low = Math.max(middle + 1, next.position);
  }
  return low;
}
