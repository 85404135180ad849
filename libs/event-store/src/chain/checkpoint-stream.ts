import { randomUUID } from 'node:crypto';
import type { AppendResult, EventMetadata, EventStore, JsonObject } from '../event-store.port.js';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM, type Checkpoint } from './checkpoint.js';
import type { CheckpointToVerify } from './verify-chains.js';

/** The checkpoints the store holds, oldest first, each named by its place in the checkpoint stream. */
export async function readStoredCheckpoints(store: EventStore): Promise<CheckpointToVerify[]> {
  const events = await store.readStream(CHECKPOINT_STREAM);
  return events
    .filter((event) => event.type === CHECKPOINT_EVENT_TYPE)
    .map((event) => ({ checkpoint: event.data, source: `${CHECKPOINT_STREAM}@${event.revision}` }));
}

/**
 * Appends a checkpoint (without its list of heads, which can be large) to the checkpoint
 * stream. Any expected revision: checkpoints are independent statements, so two signed at
 * once may land in either order.
 */
export function appendCheckpoint(store: EventStore, checkpoint: Checkpoint, metadata: EventMetadata): Promise<AppendResult> {
  return store.append(
    CHECKPOINT_STREAM,
    [{ eventId: randomUUID(), type: CHECKPOINT_EVENT_TYPE, data: { ...checkpoint } as JsonObject, metadata }],
    'any',
  );
}
