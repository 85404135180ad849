import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyBook } from '#application';
import { InMemoryEventStore, SqliteEventStore, StoreUnavailableError, type EventStore } from '#event-store';
import { ApiKeyRegistry, parseApiKeysSetting } from './api-key-registry.js';
import { forwardingEventStore } from '../../../event-store/src/testing/forwarding-event-store.js';
import { eventually } from '../../../event-store/src/testing/eventually.js';

describe('ApiKeyRegistry', () => {
  it('knows static keys and follows keys issued and revoked in the store after it started', async () => {
    const store = new InMemoryEventStore();
    const book = new ApiKeyBook(store);
    const before = await book.issue({ name: 'early', roles: ['viewer'] }, 'ops');
    const registry = new ApiKeyRegistry([{ name: 'svc', roles: ['writer'], key: 'static-key-1' }]);
    await registry.follow(store);
    try {
      expect(registry.principalFor('static-key-1')).toEqual({ actor: 'svc', roles: ['writer'], credential: 'api-key:svc' });
      expect(registry.principalFor(before.key)).toMatchObject({ actor: 'early', credential: `api-key:${before.record.keyId}` });
      const later = await book.issue({ name: 'late', roles: ['auditor'] }, 'ops');
      await eventually(() => registry.principalFor(later.key) !== undefined);
      await book.revoke('early', 'ops');
      await eventually(() => registry.principalFor(before.key) === undefined);
      expect(registry.principalFor(later.key)).toMatchObject({ actor: 'late', roles: ['auditor'] });
      expect(registry.principalFor('unknown')).toBeUndefined();
    } finally {
      registry.close();
    }
  });
});

describe('ApiKeyRegistry after the store went away', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'api-keys-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follows the stream again on its own once the store is back, and sees a revocation made meanwhile', async () => {
    const file = join(dir, 'events.sqlite');
    let store = await SqliteEventStore.open({ file, synchronous: 'NORMAL' });
    const issued = await new ApiKeyBook(store).issue({ name: 'early', roles: ['viewer'] }, 'ops');
    const registry = new ApiKeyRegistry();
    const errors: unknown[] = [];
    await registry.follow(forwardingEventStore(() => store), (error) => errors.push(error));
    try {
      expect(registry.principalFor(issued.key)).toMatchObject({ actor: 'early' });
      expect(registry.health()).toMatchObject({ component: 'api-keys', state: 'running' });

      await store.close(); // the store goes away under the registry
      await eventually(() => registry.health().state === 'recovering');
      // Another process revokes the key while this one cannot read the store.
      const other = await SqliteEventStore.open({ file, synchronous: 'NORMAL' });
      await new ApiKeyBook(other).revoke('early', 'ops');
      const later = await new ApiKeyBook(other).issue({ name: 'late', roles: ['auditor'] }, 'ops');
      await other.close();
      expect(registry.principalFor(issued.key)).toBeDefined();

      store = await SqliteEventStore.open({ file, synchronous: 'NORMAL' });
      await eventually(() => registry.principalFor(issued.key) === undefined);
      expect(registry.principalFor(later.key)).toMatchObject({ actor: 'late' });
      await eventually(() => registry.health().state === 'running');
      // And it follows again: a key issued now is known.
      const last = await new ApiKeyBook(store).issue({ name: 'last', roles: ['viewer'] }, 'ops');
      await eventually(() => registry.principalFor(last.key) !== undefined);
      expect(errors).toHaveLength(1);
      expect(registry.health().restarts).toBeGreaterThanOrEqual(1);
    } finally {
      registry.close();
      await store.close();
    }
  });
});

describe('ApiKeyRegistry whose subscription fails as soon as it opens (the reads still work)', () => {
  it('keeps recovering and trying again, never left faulted with no restart scheduled', async () => {
    const inner = new InMemoryEventStore();
    let cuts = 3;
    const store: EventStore = {
      ...forwardingEventStore(() => inner),
      subscribe: (options) => {
        if (cuts === 0) return inner.subscribe(options);
        cuts -= 1;
        return {
          close: () => undefined,
          async *[Symbol.asyncIterator]() {
            throw new StoreUnavailableError('the connection was cut as it opened');
          },
        };
      },
    };
    const registry = new ApiKeyRegistry();
    try {
      await registry.follow(store, () => undefined);
      await eventually(() => cuts === 0 && registry.health().state === 'running');
      expect(registry.health().restarts).toBe(3);
      const issued = await new ApiKeyBook(inner).issue({ name: 'after-the-cuts', roles: ['viewer'] }, 'ops');
      await eventually(() => registry.principalFor(issued.key) !== undefined);
    } finally {
      registry.close();
      await inner.close();
    }
  });
});

describe('parseApiKeysSetting', () => {
  it('reads name:role[+role]:key entries', () => {
    expect(parseApiKeysSetting(' ingest:writer:k-123456789 , ops:viewer+subscriber:a:b:c:d:e ')).toEqual([
      { name: 'ingest', roles: ['writer'], key: 'k-123456789' },
      { name: 'ops', roles: ['viewer', 'subscriber'], key: 'a:b:c:d:e' },
    ]);
    expect(parseApiKeysSetting(undefined)).toEqual([]);
  });

  it.each(['actor:key-123456789', 'ingest:root:key-123456789', ':writer:key-123456789', 'ingest:writer:short', 'ingest:writer:'])(
    'refuses %s, naming the variable',
    (setting) => {
      expect(() => parseApiKeysSetting(setting)).toThrow(/LEDGER_API_KEYS/);
    },
  );
});
