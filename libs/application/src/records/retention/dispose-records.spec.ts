import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DISPOSAL_STREAM, SqliteEventStore, verifyLog, type EventStore, type NewEvent, type RecordedEvent } from '#event-store';
import { ControlledClock } from '#testing';
import type { LegalHold } from '../legal-hold.js';
import { disposeRecords, recordedDisposals, type DisposeRecordsRequest } from './dispose-records.js';
import { retentionReport } from './retention-report.js';
import { DEFAULT_RETENTION_SCHEDULE, retainedUntil } from './retention-schedule.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-12-04T12:00:00.000Z');
const event = (type: string, data: Record<string, unknown> = {}): NewEvent => {
  const id = randomUUID();
  return { eventId: id, type, data, metadata: { actor: 'analyst@example.org', commandId: id, correlationId: id, causationId: id } };
};

const dealHold: LegalHold = {
  holdId: 'hold-1',
  scope: { kind: 'deal', dealId: 'held-2018' },
  reason: 'SEC inquiry',
  reference: 'HO-14210',
  placedAt: '2026-01-05T00:00:00.000Z',
  placedBy: 'counsel@example.org',
};

/**
 * A ledger with records of 2018 (past six years on 2026-12-04) and of 2024/2025 (not):
 *   deal-old-2018 (2 events, 2018), party-jogmec (2018), deal-held-2018 (2018, under hold-1),
 *   deal-long-running (2018 and 2024: its last record is not past), access-log (2018, 2025),
 *   admin-projections (2018).
 */
async function givenLedger(): Promise<{ store: SqliteEventStore; file: string }> {
  const clock = new ControlledClock('2018-03-01T09:00:00.000Z');
  const file = path.join(dir, `${randomUUID()}.sqlite`);
  const store = await SqliteEventStore.open({ file, clock: clock.now, synchronous: 'NORMAL' });
  await store.append('deal-old-2018', [event('DealRegistered.v1', { dealId: 'old-2018', parties: [{ partyId: 'jogmec' }] }), event('FigureReported.v1', { dealId: 'old-2018' })], 'no_stream');
  await store.append('party-jogmec', [event('PartyRegistered.v1', { partyId: 'jogmec' })], 'no_stream');
  await store.append('deal-held-2018', [event('DealRegistered.v1', { dealId: 'held-2018' })], 'no_stream');
  await store.append('deal-long-running', [event('DealRegistered.v1', { dealId: 'long-running' })], 'no_stream');
  await store.append('access-log', [event('AuditRead.v1', { kind: 'history', dealId: 'old-2018' })], 'any');
  await store.append('admin-projections', [event('ProjectionRebuildRequested.v1', { projection: 'deal-state' })], 'any');
  clock.set('2024-06-01T09:00:00.000Z');
  await store.append('deal-long-running', [event('FigureReported.v1', { dealId: 'long-running' })], 0);
  clock.set('2025-06-01T09:00:00.000Z');
  await store.append('access-log', [event('AuditRead.v1', { kind: 'history', dealId: 'long-running' })], 'any');
  clock.set('2026-12-04T11:00:00.000Z');
  return { store, file };
}

const request = (overrides: Partial<DisposeRecordsRequest> = {}): DisposeRecordsRequest => ({
  reason: 'Past the six-year schedule (FINRA 4511)',
  actor: 'records@example.org',
  now: NOW,
  schedule: DEFAULT_RETENTION_SCHEDULE,
  holds: async () => [dealHold],
  ...overrides,
});

const all = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
};

describe('retention', () => {
  it('keeps a record six years by default, to the same instant, in UTC (29 February to 1 March)', () => {
    expect(retainedUntil('2018-03-01T09:00:00.000Z', 6)).toBe('2024-03-01T09:00:00.000Z');
    expect(retainedUntil('2020-02-29T00:00:00.000Z', 1)).toBe('2021-03-01T00:00:00.000Z');
  });

  it('reports per category the schedule, what is past it, the oldest such record and what holds keep back', async () => {
    const { store } = await givenLedger();
    try {
      const report = await retentionReport(store, DEFAULT_RETENTION_SCHEDULE, async () => [dealHold], NOW);
      const [deals, access, admin] = report.categories;
      expect(deals).toMatchObject({
        category: 'deal-events',
        years: 6,
        records: 6,
        disposed: 0,
        pastRetention: 4,
        disposable: 3,
        held: 1,
        oldest: { streamId: 'deal-old-2018', revision: 0, retainedUntil: '2024-03-01T09:00:00.000Z' },
        holds: [{ holdId: 'hold-1', reference: 'HO-14210', records: 1 }],
      });
      expect(access).toMatchObject({ category: 'access-log', records: 2, pastRetention: 1, disposable: 1, held: 0, holds: [] });
      expect(admin).toMatchObject({ category: 'admin-events', records: 1, pastRetention: 1, disposable: 1 });
      // A shorter schedule reaches the long-running deal too.
      const short = await retentionReport(store, { ...DEFAULT_RETENTION_SCHEDULE, 'deal-events': 2 }, async () => [], NOW);
      expect(short.categories[0]).toMatchObject({ pastRetention: 6, disposable: 6, held: 0 });
    } finally {
      await store.close();
    }
  });

  it('disposes of what is past retention and not held: payloads gone, the disposal recorded, the log verifies, held and recent records untouched', async () => {
    const { store } = await givenLedger();
    try {
      const before = await all(store);
      const outcome = await disposeRecords(store, request());
      expect(outcome.disposed.map((d) => d.streamId)).toEqual(['deal-old-2018', 'deal-old-2018', 'party-jogmec', 'access-log', 'admin-projections']);
      expect(outcome.held).toEqual([{ category: 'deal-events', streamId: 'deal-held-2018', events: 1, holds: ['hold-1'] }]);
      expect(outcome.disposals).toHaveLength(1);

      const after = await all(store);
      const emptied = new Set(outcome.disposed.map((d) => d.eventId));
      for (const [i, e] of before.entries()) {
        if (emptied.has(e.eventId)) {
          expect(after[i]).toMatchObject({ data: {}, metadata: {}, hash: e.hash, disposal: { disposalEventId: outcome.disposals[0]!.disposalEventId } });
        } else {
          expect(after[i]).toEqual(e);
        }
      }
      const [disposal] = await recordedDisposals(store);
      expect(disposal).toMatchObject({ actor: 'records@example.org', reason: 'Past the six-year schedule (FINRA 4511)', position: outcome.disposals[0]!.position });
      expect(disposal!.events.map((e) => [e.eventId, e.hash])).toEqual(outcome.disposed.map((d) => [d.eventId, d.hash]));
      expect(await verifyLog(store, { densePositions: true })).toMatchObject({ ok: true, events: before.length + 1 });

      // Nothing is due twice; the report says what was disposed of.
      expect((await disposeRecords(store, request())).disposed).toEqual([]);
      const report = await retentionReport(store, DEFAULT_RETENTION_SCHEDULE, async () => [dealHold], NOW);
      expect(report.categories[0]).toMatchObject({ disposed: 3, pastRetention: 1, held: 1, disposable: 0 });
    } finally {
      await store.close();
    }
  });

  it('keeps what a party hold or a recording-period hold covers: the party, every deal naming it, every record of the period', async () => {
    const { store } = await givenLedger();
    try {
      const partyHold: LegalHold = { ...dealHold, holdId: 'hold-2', scope: { kind: 'party', partyId: 'jogmec' } };
      const periodHold: LegalHold = { ...dealHold, holdId: 'hold-3', scope: { kind: 'recorded', from: '2018-01-01T00:00:00Z', to: '2019-01-01T00:00:00Z' } };
      const byParty = await disposeRecords(store, request({ dryRun: true, holds: async () => [partyHold] }));
      expect(byParty.held.map((h) => [h.streamId, h.holds])).toEqual([
        ['deal-old-2018', ['hold-2']],
        ['party-jogmec', ['hold-2']],
      ]);
      const byPeriod = await disposeRecords(store, request({ dryRun: true, holds: async () => [periodHold] }));
      expect(byPeriod.disposed).toEqual([]);
      expect(byPeriod.held).toHaveLength(5);
    } finally {
      await store.close();
    }
  });

  it('splits a disposal into batches, each one recorded disposal, a deal split only when it alone is larger', async () => {
    const { store } = await givenLedger();
    try {
      const outcome = await disposeRecords(store, request({ batchSize: 1 }));
      expect(outcome.disposals.map((d) => d.events)).toEqual([1, 1, 1, 1, 1]);
      expect((await recordedDisposals(store)).map((d) => d.events.map((e) => `${e.streamId}@${e.revision}`))).toEqual([
        ['deal-old-2018@0'],
        ['deal-old-2018@1'],
        ['party-jogmec@0'],
        ['access-log@0'],
        ['admin-projections@0'],
      ]);
      expect(await verifyLog(store, { densePositions: true })).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });

  it('stops at the next batch when a hold is placed while it runs, the batches before it recorded', async () => {
    const { store } = await givenLedger();
    try {
      let asked = 0;
      const lateHold = { ...dealHold, holdId: 'hold-late', reference: 'LATE-1' };
      // The scan and the first batch see the holds as they were; a hold is placed before the second batch.
      const holds = async () => (++asked <= 2 ? [dealHold] : [dealHold, lateHold]);
      await expect(disposeRecords(store, request({ batchSize: 1, holds }))).rejects.toMatchObject({ code: 'RECORDS.UNDER_LEGAL_HOLD', details: { holds: [expect.objectContaining({ holdId: 'hold-late' })] } });
      expect((await recordedDisposals(store)).map((d) => d.events.length)).toEqual([1]);
      expect(await verifyLog(store, { densePositions: true })).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });

  it('writes nothing on a dry run, and says what it would dispose of', async () => {
    const { store } = await givenLedger();
    try {
      const before = await all(store);
      const outcome = await disposeRecords(store, request({ dryRun: true, categories: ['access-log'] }));
      expect(outcome).toMatchObject({ dryRun: true, disposals: [], held: [] });
      expect(outcome.disposed.map((d) => d.streamId)).toEqual(['access-log']);
      expect(await all(store)).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it('refuses records named explicitly that a hold keeps (409 naming the hold) or that are not past their date, writing nothing', async () => {
    const { store } = await givenLedger();
    try {
      const before = await all(store);
      await expect(disposeRecords(store, request({ records: ['deal-old-2018', 'deal-held-2018'] }))).rejects.toMatchObject({
        code: 'RECORDS.UNDER_LEGAL_HOLD',
        kind: 'conflict',
        message: expect.stringContaining('hold-1 (HO-14210'),
      });
      await expect(disposeRecords(store, request({ records: ['deal-long-running'] }))).rejects.toMatchObject({
        code: 'RECORDS.NOT_PAST_RETENTION',
        details: { field: 'records', records: ['deal-long-running'] },
      });
      expect(await all(store)).toEqual(before);
      // Named and free: only it goes.
      const outcome = await disposeRecords(store, request({ records: ['deal-old-2018'] }));
      expect(new Set(outcome.disposed.map((d) => d.streamId))).toEqual(new Set(['deal-old-2018']));
    } finally {
      await store.close();
    }
  });

  it('refuses without a reason, and on a store that cannot empty an event (KurrentDB), writing nothing', async () => {
    const { store } = await givenLedger();
    try {
      await expect(disposeRecords(store, request({ reason: '  ' }))).rejects.toMatchObject({ code: 'RECORDS.REASON_REQUIRED', details: { field: 'reason' } });
      const { disposePayloads: _, ...immutable } = Object.assign(Object.create(null), {
        append: store.append.bind(store),
        appendMany: store.appendMany.bind(store),
        readStream: store.readStream.bind(store),
        readAll: store.readAll.bind(store),
        headPosition: store.headPosition.bind(store),
        subscribe: store.subscribe.bind(store),
        close: store.close.bind(store),
        disposePayloads: undefined,
      }) as EventStore;
      await expect(disposeRecords(immutable, request())).rejects.toMatchObject({ code: 'RECORDS.DISPOSAL_UNSUPPORTED' });
      expect(await store.readStream(DISPOSAL_STREAM)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
