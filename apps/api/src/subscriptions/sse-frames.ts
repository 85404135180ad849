import type { Delivery } from '#domain';
import type { RecordedEvent } from '#event-store';
import { toEventEnvelope } from './event-envelope.js';

/**
 * Server-Sent Events framing. Each event's `id` is its cursor: a client that reconnects
 * with `Last-Event-ID` resumes right after the last event it received in full (an event
 * counts once its blank line arrives). JSON on one `data` line: JSON.stringify escapes
 * every CR and LF, the only line breaks SSE knows.
 */

// Live events are shared by every caught-up connection: each is serialised once, with the
// tokens of names in it; names are read as each frame is sent, so an erasure shows at once.
const frames = new WeakMap<RecordedEvent, string>();

/** Reads the names in a frame's text (PersonalDataResolver.namesInJson). */
export type NameReader = (json: string) => string;

export function eventFrame(event: RecordedEvent, names: NameReader): string {
  let frame = frames.get(event);
  if (frame === undefined) {
    const envelope = toEventEnvelope(event);
    frame = `id: ${envelope.position}\ndata: ${JSON.stringify(envelope)}\n\n`;
    frames.set(event, frame);
  }
  return names(frame);
}

export function deliveryFrame(event: RecordedEvent, delivery: Delivery, names: NameReader): string {
  const envelope = toEventEnvelope(event, delivery);
  return names(`id: ${envelope.position}\ndata: ${JSON.stringify(envelope)}\n\n`);
}

/** Why the server ends a stream, sent as `event: end` before it closes. */
export type EndReason = 'shutdown' | 'replaced' | 'deleted' | 'revoked' | 'error';

/**
 * The last frame of a stream. When the client should come back (the server is shutting down
 * or failed), it repeats the `retry` hint and says in a comment to resume with Last-Event-ID.
 */
export function endFrame(reason: EndReason, message: string, retryMs?: number): string {
  const reconnect = retryMs === undefined ? '' : `retry: ${retryMs}\n: reconnect with Last-Event-ID set to the last id received\n`;
  return `${reconnect}event: end\ndata: ${JSON.stringify({ reason, message })}\n\n`;
}

/** The reasons a client should reconnect after (the others end the stream for good). */
export const RECONNECT_AFTER: ReadonlySet<EndReason> = new Set(['shutdown', 'error']);

export const HEARTBEAT_FRAME = ': heartbeat\n\n';
