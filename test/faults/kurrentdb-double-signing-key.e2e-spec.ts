import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKeyBook } from '#application';
import { loadConfig, openLedgerRuntime, type LedgerConfig } from '#runtime';
import { KurrentDbEventStore } from '../../libs/event-store/src/adapters/kurrentdb/kurrentdb-event-store.js';
import { KurrentDbClientDouble } from '../../libs/event-store/src/adapters/kurrentdb/testing/kurrentdb-client-double.js';
import { tempDataDir } from '../support/test-ledger.js';

const KEY_FILE = 'checkpoint-signing-key.pem';

/**
 * Issue 17, item 11, on the KurrentDB client DOUBLE (no server runs here): replicas of one
 * ledger share one signing key. A replica that finds no key file does not make one of its own
 * once the ledger has a history: it stops at start, naming LEDGER_SIGNING_KEY_FILE. Given the
 * first replica's key, it starts and believes the key events that replica signed.
 */
describe('the signing key of replicas on KurrentDB (over the KurrentDB client double)', () => {
  const first = tempDataDir();
  const second = tempDataDir();
  let client: KurrentDbClientDouble;
  const config = (dataDir: string, more: Partial<LedgerConfig> = {}): LedgerConfig => ({
    ...loadConfig({}),
    store: 'kurrentdb',
    kurrentdb: { connectionString: 'kurrentdb://client-double:2113?tls=false' },
    dataDir,
    seedReferenceDeal: false,
    ...more,
  });
  const replica = async (dataDir: string, more: Partial<LedgerConfig> = {}) =>
    openLedgerRuntime(config(dataDir, more), { openStore: () => KurrentDbEventStore.overClient(client, { retryDelayMs: 5 }), startProjections: false });

  beforeAll(async () => {
    client = new KurrentDbClientDouble();
    // The first replica on a new, empty ledger makes the key, and signs a key event with it.
    const runtime = await replica(first.dir);
    expect(runtime.signing.keyCreated).toBe(true);
    await new ApiKeyBook(runtime.store, runtime.keyEvents).issue({ name: 'ingest-bot', roles: ['writer'] }, 'cli:test');
    await runtime.close();
  });

  afterAll(() => {
    first.remove();
    second.remove();
  });

  it('a second replica without the key file stops at start naming LEDGER_SIGNING_KEY_FILE, and makes no key', async () => {
    await expect(replica(second.dir)).rejects.toThrow(/No signing key at .*already has a history.*LEDGER_SIGNING_KEY_FILE/s);
    expect(existsSync(join(second.dir, KEY_FILE))).toBe(false);
  });

  it('given the first replica’s key, it starts with it and believes the key events signed with it', async () => {
    const runtime = await replica(second.dir, { signingKeyFile: join(first.dir, KEY_FILE) });
    try {
      expect(runtime.signing.keyCreated).toBe(false);
      const book = new ApiKeyBook(runtime.store, runtime.keyEvents);
      expect((await book.list()).map((k) => k.name)).toEqual(['ingest-bot']);
      expect(await book.refused()).toEqual([]);
    } finally {
      await runtime.close();
    }
    expect(existsSync(join(second.dir, KEY_FILE))).toBe(false);
  });

  it('on SQLite nothing changes: a data directory whose key is gone gets a new one beside its store', async () => {
    const sqlite = tempDataDir();
    try {
      const open = () => openLedgerRuntime({ ...loadConfig({}), store: 'sqlite', dataDir: sqlite.dir, seedReferenceDeal: false }, { startProjections: false });
      const runtime = await open();
      await new ApiKeyBook(runtime.store, runtime.keyEvents).issue({ name: 'ingest-bot', roles: ['writer'] }, 'cli:test');
      await runtime.close();
      unlinkSync(join(sqlite.dir, KEY_FILE));
      const again = await open();
      expect(again.signing.keyCreated).toBe(true);
      await again.close();
    } finally {
      sqlite.remove();
    }
  });
});
