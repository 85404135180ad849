import { DEAL_CATEGORY, PARTY_CATEGORY } from '#domain';
import { categoryOf, DISPOSAL_STREAM, EVENTS_DISPOSED, type EventStore, type EventsDisposedData, type RecordedEvent } from '#event-store';
import type { PersonalDataVault } from './personal-data-vault.js';

/**
 * A disposal erases too: a name that only disposed records named has nothing left to be kept
 * for. Erases, as of the last disposal that emptied them, the names whose every naming stream
 * recorded disposals emptied whole; erasing twice changes nothing. Run at start and after each
 * disposal; a ledger that never disposed of anything reads one empty stream.
 */
export async function forgetDisposedNames(store: EventStore, vault: PersonalDataVault): Promise<number> {
  const lastDisposalOf = await streamsDisposalsTouched(store);
  if (lastDisposalOf.size === 0) return 0;
  const emptied = new Map<string, RecordedEvent>();
  for (const [streamId, disposal] of lastDisposalOf) {
    // A stream only partly emptied (a disposal stopped between its batches) still holds names.
    if (!(await store.readStream(streamId)).some((event) => !event.disposal)) emptied.set(streamId, disposal);
  }
  let forgotten = 0;
  for (const entry of vault.live()) {
    const disposals = entry.streams.map((streamId) => emptied.get(streamId));
    if (disposals.length === 0 || disposals.some((d) => d === undefined)) continue;
    const last = (disposals as RecordedEvent[]).reduce((a, b) => (b.position > a.position ? b : a));
    if (vault.erase(entry.commitment, { erasedAt: last.recordedAt, reason: `disposal past retention (${last.eventId})`, erasureId: last.eventId })) forgotten += 1;
  }
  return forgotten;
}

const NAMING_CATEGORIES = [DEAL_CATEGORY, PARTY_CATEGORY];

/** The deal and party streams (the only ones that name people) recorded disposals touched, each with the last that did. */
async function streamsDisposalsTouched(store: EventStore): Promise<Map<string, RecordedEvent>> {
  const lastDisposalOf = new Map<string, RecordedEvent>();
  for (const disposal of await store.readStream(DISPOSAL_STREAM)) {
    if (disposal.type !== EVENTS_DISPOSED) continue;
    for (const { streamId } of (disposal.data as EventsDisposedData).events ?? []) {
      if (NAMING_CATEGORIES.includes(categoryOf(streamId))) lastDisposalOf.set(streamId, disposal);
    }
  }
  return lastDisposalOf;
}
