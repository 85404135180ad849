import { AccessLog, type AuditReadEntry } from '#application';
import { verifyLog } from '#event-store';
import { KurrentDbEventStore } from '../../libs/event-store/src/adapters/kurrentdb/kurrentdb-event-store.js';
import { KurrentDbClientDouble } from '../../libs/event-store/src/adapters/kurrentdb/testing/kurrentdb-client-double.js';

const read = (n: number): AuditReadEntry => ({
  kind: 'as-of',
  actor: `auditor-${n % 7}`,
  credential: 'api-key:key-1',
  resource: `/deals/d-${n}?knownAt=1`,
  dealId: `d-${n}`,
  status: 200,
});

/**
 * Issue 17, item 4, on the KurrentDB client DOUBLE (no server runs here): every audit read
 * appends to the one `access-log` stream, and on KurrentDB each append chains to the stream's
 * head with a read and an exact-revision write. A burst of concurrent reads, on two replicas
 * at once, must all be logged, each once, with the chain intact.
 */
describe('a burst of audit reads on KurrentDB (over the KurrentDB client double)', () => {
  it('logs 100 concurrent audit reads on two replicas, every one once, the chain intact', async () => {
    const client = new KurrentDbClientDouble();
    const replicas = await Promise.all([0, 1].map(() => KurrentDbEventStore.overClient(client, { retryDelayMs: 1, maxRetryDelayMs: 5 })));
    try {
      const logs = replicas.map((store) => new AccessLog(store));
      const outcomes = await Promise.allSettled(Array.from({ length: 100 }, (_, n) => logs[n % 2]!.record(read(n))));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);

      const entries = await logs[0]!.query({ limit: 500, order: 'oldest' });
      expect(entries.items.map((entry) => entry.resource).sort()).toEqual(Array.from({ length: 100 }, (_, n) => read(n).resource).sort());
      expect(entries.items.map((entry) => entry.seq)).toEqual(Array.from({ length: 100 }, (_, n) => n));
      expect((await verifyLog(replicas[0]!)).ok).toBe(true);
    } finally {
      await Promise.all(replicas.map((store) => store.close()));
    }
  });
});
