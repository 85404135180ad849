import type { Delivery } from '#domain';
import type { RecordedEvent } from '#event-store';
import { toEventEnvelope } from './event-envelope.js';

/**
 * Server-Sent Events framing. Each event's `id` is its cursor: a client that reconnects
 * with `Last-Event-ID` resumes right after the last event it received in full (an event
 * counts once its blank line arrives). JSON on one `data` line: JSON.stringify escapes
 * every CR and LF, the only line breaks SSE knows.
 */

// Live events are shared by every caught-up connection: each is serialised once.
const frames = new WeakMap<RecordedEvent, string>();

/** How a frame's JSON reads names kept apart from the log (PersonalDataResolver.jsonReplacer). */
export type NameReplacer = (key: string, value: unknown) => unknown;

export function eventFrame(event: RecordedEvent, names: NameReplacer): string {
  let frame = frames.get(event);
  if (frame === undefined) {
    const envelope = toEventEnvelope(event);
    frame = `id: ${envelope.position}\ndata: ${JSON.stringify(envelope, names)}\n\n`;
    frames.set(event, frame);
  }
  return frame;
}

export function deliveryFrame(event: RecordedEvent, delivery: Delivery, names: NameReplacer): string {
  const envelope = toEventEnvelope(event, delivery);
  return `id: ${envelope.position}\ndata: ${JSON.stringify(envelope, names)}\n\n`;
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
