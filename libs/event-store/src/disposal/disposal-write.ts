import { prepareAppend, MAX_EVENTS_PER_WRITE, type PreparedEvent } from '../append-preparation.js';
import { DisposalRefusedError, InvalidArgumentError } from '../event-store.errors.js';
import type { PayloadDisposal } from '../event-store.port.js';
import type { StoredEventText } from '../stored-json.js';
import { DISPOSAL_STREAM, EVENTS_DISPOSED, type DisposedEventRef, type DisposalMark } from './disposal-record.js';

/** What an emptied event holds in place of its data and metadata. */
export const EMPTIED = '{}';

/** Refuses a malformed disposal before the store is touched, as appends are refused. */
export function checkDisposal(disposal: PayloadDisposal): void {
  const { targets } = disposal;
  if (!Array.isArray(targets) || targets.length === 0) throw new InvalidArgumentError('targets', 'name at least one event');
  if (targets.length > MAX_EVENTS_PER_WRITE) throw new InvalidArgumentError('targets', `name at most ${MAX_EVENTS_PER_WRITE} events`);
  const ids = new Set<string>();
  targets.forEach((t, i) => {
    if (typeof t?.eventId !== 'string' || !Number.isSafeInteger(t.position) || typeof t.hash !== 'string') {
      throw new InvalidArgumentError(`targets[${i}]`, 'must be { eventId, position, hash }');
    }
    if (ids.has(t.eventId)) throw new InvalidArgumentError(`targets[${i}].eventId`, `${t.eventId} is named twice`);
    ids.add(t.eventId);
  });
  if ('events' in (disposal.data ?? {})) throw new InvalidArgumentError('data.events', 'is written by the store: the events it emptied');
  prepareAppend(DISPOSAL_STREAM, [disposalEventOf(disposal, [])], 'any');
}

/** The disposal event, once the store knows what it emptied. */
export function disposalEventOf(disposal: PayloadDisposal, refs: DisposedEventRef[]): { eventId: string; type: string; data: Record<string, unknown>; metadata: PayloadDisposal['metadata'] } {
  return { eventId: disposal.eventId, type: EVENTS_DISPOSED, data: { ...disposal.data, events: refs }, metadata: disposal.metadata };
}

export function preparedDisposalEvent(disposal: PayloadDisposal, refs: DisposedEventRef[]): PreparedEvent {
  return prepareAppend(DISPOSAL_STREAM, [disposalEventOf(disposal, refs)], 'any').events[0]!;
}

/** A target as stored, checked: still the event the caller read, not emptied yet, not a disposal record. */
export function disposedRefOf(target: PayloadDisposal['targets'][number], stored: (StoredEventText & { disposal?: DisposalMark | undefined }) | undefined): DisposedEventRef {
  if (!stored || stored.position !== target.position) throw new DisposalRefusedError(target.eventId, `no such event at position ${target.position}`);
  if (stored.hash !== target.hash) throw new DisposalRefusedError(target.eventId, `its hash is ${stored.hash}, not ${target.hash}`);
  if (stored.disposal) throw new DisposalRefusedError(target.eventId, `it was disposed of already, by ${stored.disposal.disposalEventId}`);
  if (stored.streamId === DISPOSAL_STREAM) throw new DisposalRefusedError(target.eventId, 'disposal records are kept: they explain every gap');
  const { eventId, streamId, revision, position, type, recordedAt, hash } = stored;
  return { eventId, streamId, revision, position, type, recordedAt, hash };
}
