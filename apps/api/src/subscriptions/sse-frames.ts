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

export function eventFrame(event: RecordedEvent): string {
  let frame = frames.get(event);
  if (frame === undefined) {
    const envelope = toEventEnvelope(event);
    frame = `id: ${envelope.position}\ndata: ${JSON.stringify(envelope)}\n\n`;
    frames.set(event, frame);
  }
  return frame;
}

export function deliveryFrame(event: RecordedEvent, delivery: Delivery): string {
  const envelope = toEventEnvelope(event, delivery);
  return `id: ${envelope.position}\ndata: ${JSON.stringify(envelope)}\n\n`;
}

/** Why the server ends a stream, sent as `event: end` before it closes. */
export type EndReason = 'shutdown' | 'replaced' | 'deleted' | 'revoked' | 'error';

export function endFrame(reason: EndReason, message: string): string {
  return `event: end\ndata: ${JSON.stringify({ reason, message })}\n\n`;
}

export const HEARTBEAT_FRAME = ': heartbeat\n\n';
