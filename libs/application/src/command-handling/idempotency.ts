import { createHash } from 'node:crypto';
import { canonicalJson, type EventMetadata } from '#event-store';
import { idempotencyKeyReused } from '../application.errors.js';

/** A digest of what was asked, to tell a retry from a different command reusing its id. */
export function fingerprintOf(command: object): string {
  return createHash('sha256').update(canonicalJson(command)).digest('hex');
}

/**
 * The events an earlier run of this command id wrote to the stream, if any. Looking in
 * the stream itself (not in a side table) keeps idempotency true across restarts and
 * on every adapter, KurrentDB included, whose own event-id dedup forgets on restart.
 * Events not yet written (a batch being decided) follow the same rule.
 */
export function eventsOfEarlierRun<Event extends { metadata: EventMetadata }>(
  events: readonly Event[],
  commandId: string,
  fingerprint: string,
): Event[] | undefined {
  const earlier = events.filter((e) => e.metadata.commandId === commandId);
  if (earlier.length === 0) return undefined;
  if (earlier[0]!.metadata.commandFingerprint !== fingerprint) throw idempotencyKeyReused(commandId);
  return earlier;
}
