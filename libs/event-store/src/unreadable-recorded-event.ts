import { UnreadableEventError } from './event-store.errors.js';
import type { RecordedEvent } from './event-store.port.js';

/** What the store knows of an event even when its content cannot be read: where it is and what it claims to be. */
export type EventEnvelope = Pick<RecordedEvent, 'eventId' | 'streamId' | 'revision' | 'position' | 'type' | 'recordedAt'>;

/** The parts of an event only its content gives: reading any of them throws. */
const CONTENT = ['data', 'metadata', 'hash'] as const;

/**
 * An event listed in the log whose content the ledger cannot read (on KurrentDB: one
 * written by someone else into a ledger stream, without JSON data or the ledger's
 * metadata). It travels like any event, so one foreign event does not stop everything
 * that follows the log; whoever reads its data, metadata or hash gets the
 * UnreadableEventError the SQLite store raises for an edited row. So a projection that
 * handles its type fails on it and the runner quarantines it (the other streams go on),
 * and verification reports it as CHAIN.UNREADABLE_EVENT where it stands. The getters are
 * own and enumerable, so a spread or JSON.stringify of it fails too, never silently
 * dropping the content.
 */
export function unreadableRecordedEvent(envelope: EventEnvelope, why: string): RecordedEvent {
  const event = { ...envelope } as RecordedEvent;
  const { eventId, streamId, revision, position } = envelope;
  for (const field of CONTENT) {
    Object.defineProperty(event, field, {
      enumerable: true,
      get: () => {
        throw new UnreadableEventError({ streamId, revision, position, eventId }, why);
      },
    });
  }
  return event;
}
