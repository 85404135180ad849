import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '#event-store';
import { AccessLog, type AuditReadEntry } from './access-log.js';

const entry = (n: number, overrides: Partial<AuditReadEntry> = {}): AuditReadEntry => ({
  kind: n % 2 === 0 ? 'history' : 'diff',
  actor: n % 3 === 0 ? 'auditor-a' : 'auditor-b',
  credential: 'api-key:key-1',
  resource: `/deals/d-${n}/diff`,
  dealId: `d-${n}`,
  status: 200,
  ...overrides,
});

describe('AccessLog', () => {
  it('lists only the reads it still holds once old entries were disposed of, with paging unchanged', async () => {
    const store = new InMemoryEventStore();
    const disposing = new AccessLog(store);
    for (let n = 0; n < 5; n++) await disposing.record(entry(n));
    const old = (await store.readStream('access-log')).slice(0, 2);
    const id = randomUUID();
    await store.disposePayloads({
      eventId: id,
      data: { reason: 'past retention' },
      metadata: { actor: 'records', commandId: id, correlationId: id, causationId: id },
      targets: old.map(({ eventId, position, hash }) => ({ eventId, position, hash })),
    });
    expect((await disposing.query({ limit: 10 })).items.map((e) => e.seq)).toEqual([4, 3, 2]);
    expect((await disposing.query({ limit: 2, order: 'oldest' })).items.map((e) => e.seq)).toEqual([2, 3]);
  });

  let log: AccessLog;
  beforeEach(async () => {
    log = new AccessLog(new InMemoryEventStore());
    for (let n = 0; n < 25; n++) await log.record(entry(n));
  });

  it('answers newest first by default, oldest first on request', async () => {
    const newest = await log.query({ limit: 3 });
    expect(newest.items.map((e) => e.seq)).toEqual([24, 23, 22]);
    const oldest = await log.query({ limit: 3, order: 'oldest' });
    expect(oldest.items.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(newest.items[0]).toMatchObject({ actor: 'auditor-a', kind: 'history', dealId: 'd-24', status: 200, credential: 'api-key:key-1' });
  });

  it('pages with next, in both orders, with no overlap and no gap', async () => {
    for (const order of ['newest', 'oldest'] as const) {
      const seen: number[] = [];
      let after: number | undefined;
      for (;;) {
        const page = await log.query({ limit: 7, order, ...(after === undefined ? {} : { after }) });
        seen.push(...page.items.map((e) => e.seq));
        if (page.next === undefined) break;
        after = page.next;
      }
      const all = Array.from({ length: 25 }, (_, i) => i);
      expect(seen).toEqual(order === 'newest' ? all.reverse() : all);
    }
  });

  it('filters by actor, kind and deal, all together', async () => {
    const page = await log.query({ actor: 'auditor-a', kind: 'history', limit: 100 });
    expect(page.items.map((e) => e.seq)).toEqual([24, 18, 12, 6, 0]);
    expect((await log.query({ dealId: 'd-7', limit: 100 })).items.map((e) => e.seq)).toEqual([7]);
    expect((await log.query({ actor: 'nobody', limit: 100 })).items).toEqual([]);
  });

  it('filters by when the read was logged', async () => {
    const all = (await log.query({ limit: 100, order: 'oldest' })).items;
    const from = all[10]!.at;
    const page = await log.query({ from, limit: 100, order: 'oldest' });
    expect(page.items.every((e) => e.at >= from)).toBe(true);
    expect((await log.query({ to: '2000-01-01T00:00:00.000Z', limit: 100 })).items).toEqual([]);
  });
});
