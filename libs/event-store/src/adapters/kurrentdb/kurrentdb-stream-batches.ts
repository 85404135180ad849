import type { PreparedAppend, PreparedEvent } from '../../append-preparation.js';

/** The appends of one `appendMany` to one stream, as one request of a multi-stream append. */
export interface StreamBatch {
  streamId: string;
  /** Where this stream's appends are in the call, in their order. */
  appendIndexes: number[];
  /** Their events, one after the other: the request's events. */
  events: PreparedEvent[];
}

/**
 * The appends of a call grouped by stream, streams in the order they first appear. The
 * adapter sends each stream once in a multi-stream append (what the server makes of one
 * stream named twice is not documented); appends to one stream are joined in their order,
 * each checked against the revision the one before it leaves.
 */
export function streamBatches(appends: readonly PreparedAppend[]): StreamBatch[] {
  const batches = new Map<string, StreamBatch>();
  appends.forEach((append, index) => {
    const batch = batches.get(append.streamId) ?? { streamId: append.streamId, appendIndexes: [], events: [] };
    batch.appendIndexes.push(index);
    batch.events.push(...append.events);
    batches.set(append.streamId, batch);
  });
  return [...batches.values()];
}
