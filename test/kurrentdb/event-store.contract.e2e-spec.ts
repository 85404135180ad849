import { KurrentDbEventStore } from '#event-store';
import { describeEventStoreContract } from '../../libs/event-store/src/testing/event-store.contract.js';
import { describeWithKurrentDb, SERVER_START_TIMEOUT_MS, startKurrentDb, uniqueStreamPrefix, type KurrentDbServer } from './support/kurrentdb-target.js';

/**
 * The contract every store passes, against a real KurrentDB. Every test gets a fresh,
 * empty store: a stream prefix of its own on the one server. KurrentDB's traits: positions
 * are log offsets, appendMany is atomic (appendRecords, 26.1+: the pinned image's; an
 * external server before 26.1 writes a call that interleaves streams stream after stream, and
 * one before 25.1 stream by stream, which these traits do not describe), event ids are
 * unique per stream.
 */
describeWithKurrentDb('KurrentDB event store against a server', () => {
  let server: KurrentDbServer;
  beforeAll(async () => {
    server = await startKurrentDb();
  }, SERVER_START_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
  });

  describeEventStoreContract(
    'kurrentdb',
    async () => {
      const store = await KurrentDbEventStore.open({ connectionString: server.connectionString, streamPrefix: uniqueStreamPrefix('contract') });
      return { store, cleanup: () => store.close() };
    },
    { positions: 'sparse', appendMany: 'atomic', eventIds: 'retried-write' },
  );

  it('reads back, through its own scope only, what a second store on another prefix never sees', async () => {
    const mine = await KurrentDbEventStore.open({ connectionString: server.connectionString, streamPrefix: uniqueStreamPrefix('mine') });
    const theirs = await KurrentDbEventStore.open({ connectionString: server.connectionString, streamPrefix: uniqueStreamPrefix('theirs') });
    try {
      const { newEvents } = await import('../../libs/event-store/src/testing/contract-fixtures.js');
      await mine.append('deal-1', newEvents(2), 'no_stream');
      expect(await mine.readStream('deal-1')).toHaveLength(2);
      expect(await theirs.readStream('deal-1')).toEqual([]);
      expect(await theirs.headPosition()).toBe(0);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });
});
