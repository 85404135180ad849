import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '#event-store';
import { loadConfig, openLedgerRuntime, READ_MODELS_FILE, type LedgerConfig, type LedgerRuntime } from '#runtime';
import { KurrentDbEventStore } from '../../libs/event-store/src/adapters/kurrentdb/kurrentdb-event-store.js';
import { KurrentDbClientDouble } from '../../libs/event-store/src/adapters/kurrentdb/testing/kurrentdb-client-double.js';
import { capturedLog } from '../support/captured-log.js';
import { tempDataDir } from '../support/test-ledger.js';
import { DealWriter } from './support/deal-writer.js';

/**
 * Issue 17, item 11: a read-model file records the store it was built from (its first
 * event). Over another store (a KurrentDB server replaced by another database, on the
 * client DOUBLE here; an events file of another ledger) or one behind its positions (the
 * same store restored from an older backup), followed on from its positions it would skip
 * the store's events in silence: the ledger moves it aside, rebuilds the read models from
 * the start of the log and says so in one log line.
 */
describe('read models that belong to another store', () => {
  const dirs: { remove(): void }[] = [];
  const newDir = () => {
    const dir = tempDataDir();
    dirs.push(dir);
    return dir.dir;
  };
  afterAll(() => dirs.forEach((dir) => dir.remove()));

  const openOver = async (config: LedgerConfig, store?: EventStore) => {
    const log = capturedLog('info');
    const runtime = await openLedgerRuntime(config, { report: log.logger, ...(store ? { openStore: async () => store } : {}) });
    return { runtime, log };
  };
  const write = async (runtime: LedgerRuntime, dealIds: string[]) => {
    const writer = new DealWriter(runtime.store);
    for (const dealId of dealIds) await writer.write(dealId);
    expect(await runtime.runner.catchUp(5_000)).toBe(true);
  };
  const dealsIn = (runtime: LedgerRuntime, dealIds: string[]) => dealIds.filter((id) => runtime.dealReader.getDeal(id) !== undefined);
  const rebuiltLines = (log: ReturnType<typeof capturedLog>) => log.lines().filter((line) => line.component === 'read-models');

  it('on KurrentDB: a server replaced by another database is followed from its start, not from the old positions', async () => {
    const dataDir = newDir();
    const config: LedgerConfig = {
      ...loadConfig({}),
      store: 'kurrentdb',
      kurrentdb: { connectionString: 'kurrentdb://client-double:2113?tls=false' },
      dataDir,
      seedReferenceDeal: false,
    };
    const before = await openOver(config, await KurrentDbEventStore.overClient(new KurrentDbClientDouble(), { retryDelayMs: 5 }));
    await write(before.runtime, ['north', 'south', 'east', 'west', 'north', 'south']);
    await before.runtime.close();

    // Another database behind the same address, holding fewer events: its positions end before the file's.
    const after = await openOver(config, await KurrentDbEventStore.overClient(new KurrentDbClientDouble(), { retryDelayMs: 5 }));
    try {
      await write(after.runtime, ['alpha']);
      expect(dealsIn(after.runtime, ['north', 'south', 'alpha'])).toEqual(['alpha']);
      const [line] = rebuiltLines(after.log);
      expect(line).toMatchObject({ level: 'warn', component: 'read-models', msg: expect.stringMatching(/^Read models are rebuilt from the start of the log: they were built from a store whose first event is /) });
      expect(existsSync(join(dataDir, `${READ_MODELS_FILE}.replaced`))).toBe(true);
    } finally {
      await after.runtime.close();
    }
  });

  it('on KurrentDB: the same server restarted is followed on from the file, with no rebuild', async () => {
    const client = new KurrentDbClientDouble();
    const config: LedgerConfig = {
      ...loadConfig({}),
      store: 'kurrentdb',
      kurrentdb: { connectionString: 'kurrentdb://client-double:2113?tls=false' },
      dataDir: newDir(),
      seedReferenceDeal: false,
    };
    const first = await openOver(config, await KurrentDbEventStore.overClient(client, { retryDelayMs: 5 }));
    await write(first.runtime, ['north', 'south']);
    await first.runtime.close();
    const again = await openOver(config, await KurrentDbEventStore.overClient(client, { retryDelayMs: 5 }));
    try {
      await write(again.runtime, ['east']);
      expect(dealsIn(again.runtime, ['north', 'south', 'east'])).toEqual(['north', 'south', 'east']);
      expect(rebuiltLines(again.log)).toEqual([]);
    } finally {
      await again.runtime.close();
    }
  });

  it('on SQLite: a read-model file copied from another ledger is set aside and the read models rebuilt from this log', async () => {
    const sqlite = (dataDir: string): LedgerConfig => ({ ...loadConfig({}), store: 'sqlite', dataDir, seedReferenceDeal: false });
    const other = newDir();
    const ours = newDir();
    const theirs = await openOver(sqlite(other));
    await write(theirs.runtime, ['north', 'south', 'east', 'west']);
    await theirs.runtime.close();
    const mine = await openOver(sqlite(ours));
    await write(mine.runtime, ['alpha', 'beta']);
    await mine.runtime.close();

    copyFileSync(join(other, READ_MODELS_FILE), join(ours, READ_MODELS_FILE));
    const reopened = await openOver(sqlite(ours));
    try {
      expect(await reopened.runtime.runner.catchUp(5_000)).toBe(true);
      expect(dealsIn(reopened.runtime, ['north', 'south', 'alpha', 'beta'])).toEqual(['alpha', 'beta']);
      expect(rebuiltLines(reopened.log)).toHaveLength(1);
    } finally {
      await reopened.runtime.close();
    }
  });

  it('on SQLite: an events file restored from an older copy (same first event, fewer events) has its read models rebuilt', async () => {
    const dataDir = newDir();
    const config: LedgerConfig = { ...loadConfig({}), store: 'sqlite', dataDir, seedReferenceDeal: false };
    const first = await openOver(config);
    await write(first.runtime, ['north']);
    await first.runtime.close();
    const older = join(newDir(), 'events.sqlite');
    copyFileSync(join(dataDir, 'events.sqlite'), older);
    const second = await openOver(config);
    await write(second.runtime, ['south', 'east']);
    await second.runtime.close();

    copyFileSync(older, join(dataDir, 'events.sqlite'));
    const restored = await openOver(config);
    try {
      expect(await restored.runtime.runner.catchUp(5_000)).toBe(true);
      expect(dealsIn(restored.runtime, ['north', 'south', 'east'])).toEqual(['north']);
      expect(rebuiltLines(restored.log)[0]!.msg).toMatch(/beyond the head of this store/);
    } finally {
      await restored.runtime.close();
    }
  });
});
