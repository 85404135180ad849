import { createHash } from 'node:crypto';
import { canonicalJson, type EventMetadata } from '#event-store';
import { idempotencyKeyReused } from '../application.errors.js';
import { withoutPersonalTexts } from '../records/personal-data/personal-texts.js';

/** A digest of what was asked, to tell a retry from a different command reusing its id. */
export function fingerprintOf(command: object): string {
  return createHash('sha256').update(canonicalJson(command)).digest('hex');
}

/** A command's idempotency: its id, the fingerprint its events carry, and fingerprints earlier releases wrote for it. */
export interface CommandIdempotency {
  commandId: string;
  fingerprint: string;
  /** Also recognised as this command (never written): what an earlier release fingerprinted, worked out only when the written one differs. */
  earlierFingerprint?: () => string;
}

/**
 * The idempotency of a command sent under `commandId`. Its fingerprint leaves the command's
 * names out: the fingerprint is kept in the log, and one over a name would let anyone test a
 * guess at it once erased. Earlier releases fingerprinted the whole command; their events are
 * still recognised as the same command.
 */
export function idempotencyOf(commandId: string, command: object): CommandIdempotency {
  return { commandId, fingerprint: fingerprintOf(withoutPersonalTexts(command)), earlierFingerprint: () => fingerprintOf(command) };
}

/**
 * The events an earlier run of this command id wrote to the stream, if any. Looking in
 * the stream itself (not in a side table) keeps idempotency true across restarts and
 * on every adapter, KurrentDB included, whose own event-id dedup forgets on restart.
 * Events not yet written (a batch being decided) follow the same rule.
 */
export function eventsOfEarlierRun<Event extends { metadata: EventMetadata }>(
  events: readonly Event[],
  { commandId, fingerprint, earlierFingerprint }: CommandIdempotency,
): Event[] | undefined {
  const earlier = events.filter((e) => e.metadata.commandId === commandId);
  if (earlier.length === 0) return undefined;
  const written = earlier[0]!.metadata.commandFingerprint;
  if (written !== fingerprint && written !== earlierFingerprint?.()) throw idempotencyKeyReused(commandId);
  return earlier;
}
