import { describeEventStoreContract } from '../../testing/event-store.contract.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';
import { KurrentDbClientDouble } from './testing/kurrentdb-client-double.js';

/**
 * The store contract run on the adapter over the KurrentDB client DOUBLE, not a server:
 * the adapter's own logic (hash chain, conflicts, paging, position repair, re-subscription)
 * against a client that keeps the server's rules as the double states them. The same
 * contract against a real server is test/kurrentdb/event-store.contract.e2e-spec.ts.
 * The traits are KurrentDB's: positions are log offsets, appendMany writes stream by stream,
 * event ids are unique per stream.
 */
describeEventStoreContract(
  'kurrentdb over the client double',
  async () => {
    const store = await KurrentDbEventStore.overClient(new KurrentDbClientDouble(), { readPageSize: 7, retryDelayMs: 5 });
    return { store, cleanup: () => store.close() };
  },
  { positions: 'sparse', appendMany: 'in-order', eventIds: 'unique-per-stream' },
);
