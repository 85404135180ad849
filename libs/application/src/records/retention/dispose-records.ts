import { v7 as uuidv7 } from 'uuid';
import type { DisposedEventRef, EventStore, EventsDisposedData, RecordedEvent } from '#event-store';
import { DISPOSAL_STREAM } from '#event-store';
import { ApplicationError } from '../../application.errors.js';
import { underLegalHold, type LegalHoldsInForce } from '../legal-hold.js';
import type { RecordCategory, RetentionSchedule } from './retention-schedule.js';
import { scanRetention, type DisposalUnit } from './retention-scan.js';

/** Events emptied per disposal event (and per transaction): a disposal of years of access log is many. */
export const DISPOSAL_BATCH = 1000;

export interface DisposeRecordsRequest {
  reason: string;
  actor: string;
  now: Date;
  schedule: RetentionSchedule;
  holds: LegalHoldsInForce;
  /** Say what would be disposed of, writing nothing. */
  dryRun?: boolean;
  /** Only these categories (default: all). */
  categories?: readonly RecordCategory[];
  /**
   * Only these records, by stream id (a whole deal or party) or event id. Naming records
   * makes a hold a refusal (409 RECORDS.UNDER_LEGAL_HOLD), and a record not past its date too.
   */
  records?: readonly string[];
  /** Events emptied per disposal (and transaction); default DISPOSAL_BATCH. */
  batchSize?: number;
}

export interface DisposalOutcome {
  dryRun: boolean;
  /** The disposal events written, one per batch (none on a dry run or when nothing was due). */
  disposals: { disposalEventId: string; position: number; events: number }[];
  /** What was (or, dry, would be) emptied. */
  disposed: { category: RecordCategory; streamId: string; eventId: string; position: number; type: string; hash: string; recordedAt: string }[];
  /** Past retention but kept by a hold: each unit with the holds that keep it. */
  held: { category: RecordCategory; streamId: string; events: number; holds: string[] }[];
}

/**
 * Disposal of what is past retention: by default every due record not under a legal hold,
 * held ones skipped and reported (a scheduled run must not stop at the first held deal);
 * records named explicitly are refused with the hold that keeps them, since whoever names
 * one expects it gone. Each batch is one atomic write of the store (the disposal event and
 * the emptied payloads); a failure leaves the batches before it done and recorded.
 */
export async function disposeRecords(store: EventStore, request: DisposeRecordsRequest): Promise<DisposalOutcome> {
  const reason = request.reason?.trim();
  if (!reason) throw new ApplicationError('RECORDS.REASON_REQUIRED', 'A disposal needs a reason: it is recorded with it', 'invalid', { field: 'reason' });
  if (!store.disposePayloads) {
    throw new ApplicationError(
      'RECORDS.DISPOSAL_UNSUPPORTED',
      'This event store cannot empty a recorded event in place (KurrentDB events are immutable): nothing was disposed of; see the README, Retention and disposal',
      'unprocessable',
    );
  }
  const holdsAtScan = await request.holds();
  const scan = await scanRetention(store, request.schedule, holdsAtScan, request.now);
  const units = selectUnits(scan.due, request);
  const held = units.filter((u) => u.holds.length > 0);
  if (request.records && held.length > 0) throw underLegalHold('Disposal', held.flatMap((u) => u.holds));
  const disposable = units.filter((u) => u.holds.length === 0);
  const outcome: DisposalOutcome = {
    dryRun: request.dryRun ?? false,
    disposals: [],
    disposed: disposable.flatMap((u) =>
      u.records.map(({ eventId, position, type, hash, recordedAt }) => ({ category: u.category, streamId: u.streamId, eventId, position, type, hash, recordedAt })),
    ),
    held: held.map((u) => ({ category: u.category, streamId: u.streamId, events: u.records.length, holds: u.holds.map((h) => h.holdId) })),
  };
  if (request.dryRun) return outcome;
  const scannedHolds = new Set(holdsAtScan.map((hold) => hold.holdId));
  for (const batch of batches(disposable, request.batchSize ?? DISPOSAL_BATCH)) {
    // A hold placed while the run goes on stops it: what it covers was decided without it.
    const placedSince = (await request.holds()).filter((hold) => !scannedHolds.has(hold.holdId));
    if (placedSince.length > 0) throw underLegalHold(`Disposal (${outcome.disposals.length} batch(es) recorded before the hold was placed; run it again)`, placedSince);
    const disposalEventId = uuidv7();
    const data = {
      reason,
      asOf: request.now.toISOString(),
      schedule: { ...request.schedule },
      categories: [...new Set(batch.map((u) => u.category))],
    };
    const result = await store.disposePayloads({
      eventId: disposalEventId,
      data,
      metadata: { actor: request.actor, commandId: disposalEventId, correlationId: disposalEventId, causationId: disposalEventId },
      targets: batch.flatMap((u) => u.records.map(({ eventId, position, hash }) => ({ eventId, position, hash }))),
    });
    outcome.disposals.push({ disposalEventId, position: result.lastPosition, events: batch.reduce((n, u) => n + u.records.length, 0) });
  }
  return outcome;
}

function selectUnits(due: DisposalUnit[], request: DisposeRecordsRequest): DisposalUnit[] {
  const inCategory = request.categories ? due.filter((u) => request.categories!.includes(u.category)) : due;
  if (!request.records) return inCategory;
  const named = new Set(request.records);
  const chosen = inCategory.filter((u) => named.has(u.streamId) || u.records.some((r) => named.has(r.eventId)));
  const found = new Set(chosen.flatMap((u) => [u.streamId, ...u.records.map((r) => r.eventId)]));
  const missing = request.records.filter((r) => !found.has(r));
  if (missing.length > 0) {
    throw new ApplicationError(
      'RECORDS.NOT_PAST_RETENTION',
      `Not past retention on ${request.now.toISOString()}, disposed of already, or no record of a scheduled category: ${missing.join(', ')}; nothing was disposed of`,
      'conflict',
      { field: 'records', records: missing },
    );
  }
  return chosen;
}

/**
 * Units in order, about `size` events a batch: a stream is split only when it alone holds
 * more, in revision order, so that a run stopped between two of its batches leaves it due
 * (by its last event, still whole) and the next run finishes it.
 */
function* batches(units: DisposalUnit[], size: number): Generator<DisposalUnit[]> {
  let batch: DisposalUnit[] = [];
  let events = 0;
  const parts = units.flatMap((unit) =>
    unit.records.length <= size
      ? [unit]
      : Array.from({ length: Math.ceil(unit.records.length / size) }, (_, i) => ({ ...unit, records: unit.records.slice(i * size, (i + 1) * size) })),
  );
  for (const part of parts) {
    if (batch.length > 0 && events + part.records.length > size) {
      yield batch;
      batch = [];
      events = 0;
    }
    batch.push(part);
    events += part.records.length;
  }
  if (batch.length > 0) yield batch;
}

/** A disposal event of the log, read back: who disposed of what, when and why. */
export interface RecordedDisposalView {
  disposalEventId: string;
  position: number;
  disposedAt: string;
  actor: string;
  reason: string;
  events: DisposedEventRef[];
}

export async function recordedDisposals(store: EventStore): Promise<RecordedDisposalView[]> {
  return (await store.readStream(DISPOSAL_STREAM)).map(disposalView);
}

export function disposalView(event: RecordedEvent): RecordedDisposalView {
  const data = event.data as EventsDisposedData & { reason?: string };
  return {
    disposalEventId: event.eventId,
    position: event.position,
    disposedAt: event.recordedAt,
    actor: String(event.metadata.actor),
    reason: String(data.reason ?? ''),
    events: data.events ?? [],
  };
}
