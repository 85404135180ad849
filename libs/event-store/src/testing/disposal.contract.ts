import { randomUUID } from 'node:crypto';
import { DISPOSAL_STREAM, EVENTS_DISPOSED, type EventsDisposedData } from '../disposal/disposal-record.js';
import type { EventStore, PayloadDisposal, RecordedEvent } from '../event-store.port.js';
import { verifyLog } from '../transparency/verify-log.js';
import { allEvents, collect, metadata, newEvents, take, type ContractHarness } from './contract-fixtures.js';

function disposalOf(events: readonly RecordedEvent[], overrides: Partial<PayloadDisposal> = {}): PayloadDisposal {
  return {
    eventId: randomUUID(),
    data: { reason: 'past retention' },
    metadata: metadata({ actor: 'records-admin' }),
    targets: events.map(({ eventId, position, hash }) => ({ eventId, position, hash })),
    ...overrides,
  };
}

/** Three deal events at positions 1–3, two of them past retention (the caller picks). */
async function givenLog(store: EventStore): Promise<RecordedEvent[]> {
  await store.append('deal-1', newEvents(2), 'no_stream');
  await store.append('deal-2', newEvents(1), 'no_stream');
  return allEvents(store);
}

/**
 * Disposal, for adapters that can rewrite a stored event in place (those that offer
 * `disposePayloads`; KurrentDB cannot, and leaves it out, so disposal is refused above it).
 */
export function describeDisposalContract(harness: ContractHarness): void {
  describe('disposal of payloads', () => {
    const disposing = () => {
      const { store } = harness;
      return store.disposePayloads ? (store as EventStore & Required<Pick<EventStore, 'disposePayloads'>>) : undefined;
    };

    it('empties the events named and keeps what the proofs stand on: id, stream, revision, type, time, hash, position', async () => {
      const store = disposing();
      if (!store) return;
      const before = await givenLog(store);
      const result = await store.disposePayloads(disposalOf(before.slice(0, 2)));
      const after = await allEvents(store);
      expect(after).toHaveLength(4);
      const disposal = after[3]!;
      expect(result).toMatchObject({ streamId: DISPOSAL_STREAM, firstPosition: disposal.position, lastPosition: disposal.position });
      for (const i of [0, 1]) {
        const { data, metadata: meta, disposal: mark, ...kept } = after[i]!;
        const { data: _d, metadata: _m, ...was } = before[i]!;
        expect(kept).toEqual(was);
        expect([data, meta]).toEqual([{}, {}]);
        expect(mark).toEqual({ disposalEventId: disposal.eventId, disposalPosition: disposal.position, disposedAt: disposal.recordedAt });
      }
      expect(after[2]).toEqual(before[2]);
      // A stream read says the same as the log.
      expect((await store.readStream('deal-1')).map((e) => e.disposal?.disposalEventId)).toEqual([disposal.eventId, disposal.eventId]);
    });

    it('records the disposal as one event naming every event it emptied with its hash, by whom and why', async () => {
      const store = disposing();
      if (!store) return;
      const before = await givenLog(store);
      await store.disposePayloads(disposalOf(before.slice(0, 2)));
      const [recorded] = await store.readStream(DISPOSAL_STREAM);
      expect(recorded).toMatchObject({ type: EVENTS_DISPOSED, revision: 0, metadata: { actor: 'records-admin' } });
      const data = recorded!.data as EventsDisposedData;
      expect(data.reason).toBe('past retention');
      expect(data.events).toEqual(
        before.slice(0, 2).map(({ eventId, streamId, revision, position, type, recordedAt, hash }) => ({ eventId, streamId, revision, position, type, recordedAt, hash })),
      );
    });

    it('leaves a log that verifies, and a stream that goes on chaining after the gap', async () => {
      const store = disposing();
      if (!store) return;
      const before = await givenLog(store);
      await store.disposePayloads(disposalOf(before.slice(0, 2)));
      await store.append('deal-1', newEvents(1), 1);
      const report = await verifyLog(store, { densePositions: harness.traits.positions === 'dense' });
      expect(report).toMatchObject({ ok: true, events: 5, streams: 3 });
      const [, , third] = await store.readStream('deal-1');
      expect(third?.revision).toBe(2);
    });

    it('tells subscribers of the disposal', async () => {
      const store = disposing();
      if (!store) return;
      const before = await givenLog(store);
      const subscription = store.subscribe({ from: 'end' });
      try {
        await store.disposePayloads(disposalOf(before.slice(2)));
        const [seen] = await take(subscription, 1);
        expect(seen).toMatchObject({ streamId: DISPOSAL_STREAM, type: EVENTS_DISPOSED });
      } finally {
        subscription.close();
      }
    });

    it.each([
      ['an event that is not as the caller read it (another hash)', (log: RecordedEvent[]) => [{ ...log[0]!, hash: 'f'.repeat(64) }]],
      ['an event at another position', (log: RecordedEvent[]) => [{ ...log[0]!, position: log[1]!.position }]],
      ['no event at all', (log: RecordedEvent[]) => [{ ...log[0]!, eventId: randomUUID() }]],
    ])('refuses all of a disposal that names %s, writing nothing', async (_, targets) => {
      const store = disposing();
      if (!store) return;
      const before = await givenLog(store);
      // The first target is fine: it must stay untouched too.
      await expect(store.disposePayloads(disposalOf([before[2]!, ...targets(before)]))).rejects.toMatchObject({ code: 'STORE.DISPOSAL_REFUSED' });
      expect(await allEvents(store)).toEqual(before);
    });

    it('refuses to empty an event twice, or a disposal record', async () => {
      const store = disposing();
      if (!store) return;
      const before = await givenLog(store);
      await store.disposePayloads(disposalOf(before.slice(0, 1)));
      const [emptied] = await store.readStream('deal-1');
      await expect(store.disposePayloads(disposalOf([emptied!]))).rejects.toMatchObject({ code: 'STORE.DISPOSAL_REFUSED' });
      const [record] = await store.readStream(DISPOSAL_STREAM);
      await expect(store.disposePayloads(disposalOf([record!]))).rejects.toMatchObject({ code: 'STORE.DISPOSAL_REFUSED' });
      expect(await collect(store.readAll())).toHaveLength(4);
    });

    it('refuses bad input before touching the store: no target, a target twice, data that claims the list of events', async () => {
      const store = disposing();
      if (!store) return;
      const before = await givenLog(store);
      await expect(store.disposePayloads(disposalOf([]))).rejects.toMatchObject({ code: 'STORE.INVALID_ARGUMENT' });
      await expect(store.disposePayloads(disposalOf([before[0]!, before[0]!]))).rejects.toMatchObject({ code: 'STORE.INVALID_ARGUMENT' });
      await expect(store.disposePayloads(disposalOf(before.slice(0, 1), { data: { events: [] } }))).rejects.toMatchObject({ code: 'STORE.INVALID_ARGUMENT' });
      await expect(store.disposePayloads(disposalOf(before.slice(0, 1), { eventId: 'not-a-uuid' }))).rejects.toMatchObject({ code: 'STORE.INVALID_ARGUMENT' });
      expect(await allEvents(store)).toEqual(before);
    });
  });
}
