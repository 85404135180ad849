import { dealIdFromStreamName, partyIdFromStreamName } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { holdsCovering, partiesNamedIn, type HeldRecordCandidate, type LegalHold } from '../legal-hold.js';
import { recordCategoryOf, retainedUntil, type RecordCategory, type RetentionSchedule } from './retention-schedule.js';

/** A record as retention sees it: an event of a scheduled category. */
export interface RetainedRecord {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
  type: string;
  hash: string;
  recordedAt: string;
  retainedUntil: string;
}

/**
 * What disposal takes or leaves as one: a whole deal or party stream, or one event of the
 * access log or an admin stream. A deal's current state is the fold of all its events, so
 * none of them may go while the others stand (the ledger could no longer re-create what it
 * shows, which 17a-4(f) asks of an audit-trail system): a deal's or party's records are due
 * together, once the LAST of them is past retention. The access log and admin events are
 * folded into nothing, and go event by event.
 */
export interface DisposalUnit {
  category: RecordCategory;
  streamId: string;
  /** The unit's events not disposed of yet. */
  records: RetainedRecord[];
  /** When the unit is due: its last event's date for a stream, the event's own otherwise. */
  retainedUntil: string;
  /** The holds in force that cover any of its records: it is then kept. */
  holds: LegalHold[];
}

export interface RetentionScan {
  /** Units past retention, held or not, in log order of their first record. */
  due: DisposalUnit[];
  /** Per category: records under the schedule, and those disposed of already. */
  counts: Record<RecordCategory, { records: number; disposed: number }>;
}

/**
 * One pass over the log: which scheduled records are past their date at `now`, and which
 * holds keep them. Memory holds the open units (one per deal or party stream, small) and
 * the due ones.
 */
export async function scanRetention(store: EventStore, schedule: RetentionSchedule, holds: readonly LegalHold[], now: Date): Promise<RetentionScan> {
  const counts = { 'deal-events': { records: 0, disposed: 0 }, 'access-log': { records: 0, disposed: 0 }, 'admin-events': { records: 0, disposed: 0 } };
  const streams = new Map<string, { unit: DisposalUnit; candidates: HeldRecordCandidate[]; first: number }>();
  const single: { unit: DisposalUnit; first: number }[] = [];
  const nowIso = now.toISOString();
  for await (const event of store.readAll()) {
    const category = recordCategoryOf(event.streamId);
    if (!category) continue;
    counts[category].records++;
    if (event.disposal) {
      counts[category].disposed++;
      continue;
    }
    const record = recordOf(event, schedule[category]);
    const candidate = candidateOf(event);
    if (category !== 'deal-events') {
      if (record.retainedUntil <= nowIso) {
        single.push({ unit: { category, streamId: event.streamId, records: [record], retainedUntil: record.retainedUntil, holds: holdsCovering(holds, candidate) }, first: event.position });
      }
      continue;
    }
    const open = streams.get(event.streamId) ?? { unit: { category, streamId: event.streamId, records: [], retainedUntil: '', holds: [] }, candidates: [], first: event.position };
    open.unit.records.push(record);
    open.unit.retainedUntil = record.retainedUntil;
    open.candidates.push(candidate);
    streams.set(event.streamId, open);
  }
  const due: { unit: DisposalUnit; first: number }[] = [...single];
  for (const { unit, candidates, first } of streams.values()) {
    if (unit.retainedUntil > nowIso) continue;
    const covering = new Map<string, LegalHold>();
    for (const candidate of candidates) for (const hold of holdsCovering(holds, candidate)) covering.set(hold.holdId, hold);
    unit.holds = [...covering.values()];
    due.push({ unit, first });
  }
  due.sort((a, b) => a.first - b.first);
  return { due: due.map((d) => d.unit), counts };
}

function recordOf(event: RecordedEvent, years: number): RetainedRecord {
  const { eventId, streamId, revision, position, type, hash, recordedAt } = event;
  return { eventId, streamId, revision, position, type, hash, recordedAt, retainedUntil: retainedUntil(recordedAt, years) };
}

/** What holds can name of an event: its deal, the parties it names, when it was recorded. */
function candidateOf(event: RecordedEvent): HeldRecordCandidate {
  const partyIds = new Set<string>();
  const party = partyIdFromStreamName(event.streamId);
  if (party) partyIds.add(party);
  partiesNamedIn(event.data, partyIds);
  // An access log entry names the deal that was read.
  const dealId = dealIdFromStreamName(event.streamId) ?? (typeof event.data.dealId === 'string' ? event.data.dealId : undefined);
  return { dealId, partyIds: [...partyIds], recordedAt: event.recordedAt };
}
