import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { ACCESS_KEYS_STREAM, ApiKeyBook, hashApiKey, trustOfSigningKey, type KeyEventTrust, type UnsignedKeyEvents } from '#application';
import { InMemoryEventStore, SqliteEventStore, StoreUnavailableError, UnreadableEventError, type EventStore } from '#event-store';
import { ApiKeyRegistry, parseApiKeysSetting, type RefusedKeyEvent } from './api-key-registry.js';
import { forwardingEventStore } from '../../../event-store/src/testing/forwarding-event-store.js';
import { eventually } from '../../../event-store/src/testing/eventually.js';

const { privateKey: signingKey } = generateKeyPairSync('ed25519');
const trustFor = (unsigned: UnsignedKeyEvents): KeyEventTrust => trustOfSigningKey(signingKey, unsigned);
const keys = { signingKey, trust: trustFor('refused') };
const quiet = () => undefined;

describe('ApiKeyRegistry', () => {
  it('knows static keys and follows keys issued and revoked in the store after it started', async () => {
    const store = new InMemoryEventStore();
    const book = new ApiKeyBook(store, keys);
    const before = await book.issue({ name: 'early', roles: ['viewer'] }, 'ops');
    const registry = new ApiKeyRegistry([{ name: 'svc', roles: ['writer'], key: 'static-key-1' }], keys.trust, quiet);
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
    const issued = await new ApiKeyBook(store, keys).issue({ name: 'early', roles: ['viewer'] }, 'ops');
    const registry = new ApiKeyRegistry([], keys.trust, quiet);
    const errors: unknown[] = [];
    await registry.follow(forwardingEventStore(() => store), (error) => errors.push(error));
    try {
      expect(registry.principalFor(issued.key)).toMatchObject({ actor: 'early' });
      expect(registry.health()).toMatchObject({ component: 'api-keys', state: 'running' });

      await store.close(); // the store goes away under the registry
      await eventually(() => registry.health().state === 'recovering');
      // Another process revokes the key while this one cannot read the store.
      const other = await SqliteEventStore.open({ file, synchronous: 'NORMAL' });
      await new ApiKeyBook(other, keys).revoke('early', 'ops');
      const later = await new ApiKeyBook(other, keys).issue({ name: 'late', roles: ['auditor'] }, 'ops');
      await other.close();
      expect(registry.principalFor(issued.key)).toBeDefined();

      store = await SqliteEventStore.open({ file, synchronous: 'NORMAL' });
      await eventually(() => registry.principalFor(issued.key) === undefined);
      expect(registry.principalFor(later.key)).toMatchObject({ actor: 'late' });
      await eventually(() => registry.health().state === 'running');
      // And it follows again: a key issued now is known.
      const last = await new ApiKeyBook(store, keys).issue({ name: 'last', roles: ['viewer'] }, 'ops');
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
    const registry = new ApiKeyRegistry([], keys.trust, quiet);
    try {
      await registry.follow(store, () => undefined);
      await eventually(() => cuts === 0 && registry.health().state === 'running');
      expect(registry.health().restarts).toBe(3);
      const issued = await new ApiKeyBook(inner, keys).issue({ name: 'after-the-cuts', roles: ['viewer'] }, 'ops');
      await eventually(() => registry.principalFor(issued.key) !== undefined);
    } finally {
      registry.close();
      await inner.close();
    }
  });
});

/**
 * Issue 17, item 1: anyone who may write the access-keys stream in the store (on KurrentDB,
 * any user with write access) could issue themselves a key. Only key events signed with the
 * ledger's key, at their place in the stream, are believed.
 */
describe('ApiKeyRegistry and key events it cannot authenticate', () => {
  const forgedKey = 'dl_forged-admin-key-0000000000000000000000000000';
  /** An ApiKeyIssued.v1 appended straight to the store, with whatever metadata a forger chooses. */
  const forgeIssue = (store: EventStore, metadata: Record<string, unknown> = {}) => {
    const id = randomUUID();
    return store.append(
      ACCESS_KEYS_STREAM,
      [
        {
          eventId: id,
          type: 'ApiKeyIssued.v1',
          data: { keyId: 'key-forged', name: 'intruder', roles: ['admin'], sha256: hashApiKey(forgedKey) },
          metadata: { actor: 'ops', commandId: id, correlationId: id, causationId: id, ...metadata },
        },
      ],
      'any',
    );
  };
  const following = async (store: EventStore, trust: KeyEventTrust) => {
    const refused: RefusedKeyEvent[] = [];
    const registry = new ApiKeyRegistry([], trust, (r) => refused.push(r));
    await registry.follow(store, quiet);
    return { registry, refused };
  };

  /** A registry following `store` knows no principal for `key` and refused one key event. */
  const expectOneRefused = async (store: EventStore, key: string) => {
    const { registry, refused } = await following(store, keys.trust);
    try {
      expect(registry.principalFor(key)).toBeUndefined();
      expect(refused).toHaveLength(1);
    } finally {
      registry.close();
    }
  };

  it('refuses a forged ApiKeyIssued written straight into the store, read at start or followed later, and reports it', async () => {
    const store = new InMemoryEventStore();
    const book = new ApiKeyBook(store, keys);
    const genuine = await book.issue({ name: 'ops-admin', roles: ['admin'] }, 'ops');
    await forgeIssue(store);
    const { registry, refused } = await following(store, keys.trust);
    try {
      expect(registry.principalFor(genuine.key)).toMatchObject({ actor: 'ops-admin' });
      expect(registry.principalFor(forgedKey)).toBeUndefined();
      await forgeIssue(store, { keySignature: 'AAAA' });
      await eventually(() => refused.length === 2);
      expect(refused.map((r) => r.why)).toEqual([expect.stringMatching(/not signed with the ledger key/), expect.stringMatching(/signature is not the ledger key/)]);
      expect(registry.principalFor(forgedKey)).toBeUndefined();
      // The book lists what the registry believes, names what it refused, and decides on the believed only.
      expect((await book.list()).map((k) => k.name)).toEqual(['ops-admin']);
      expect(await book.refused()).toHaveLength(2);
      await expect(book.issue({ name: 'intruder', roles: ['viewer'] }, 'ops')).resolves.toMatchObject({ record: { name: 'intruder' } });
    } finally {
      registry.close();
    }
  });

  it('refuses a genuine signed issue copied to another place: a revoked key appended again stays revoked', async () => {
    const store = new InMemoryEventStore();
    const book = new ApiKeyBook(store, keys);
    const issued = await book.issue({ name: 'temp', roles: ['admin'] }, 'ops');
    await book.revoke('temp', 'ops');
    const [original] = await store.readStream(ACCESS_KEYS_STREAM);
    await store.append(ACCESS_KEYS_STREAM, [{ eventId: randomUUID(), type: original!.type, data: original!.data, metadata: original!.metadata }], 'any');
    await expectOneRefused(store, issued.key);
  });

  it('refuses a key signed by another ledger’s key', async () => {
    const store = new InMemoryEventStore();
    const { privateKey: otherKey } = generateKeyPairSync('ed25519');
    const issued = await new ApiKeyBook(store, { signingKey: otherKey, trust: trustOfSigningKey(otherKey, 'refused') }).issue({ name: 'elsewhere', roles: ['admin'] }, 'ops');
    await expectOneRefused(store, issued.key);
  });

  it('key events from before signing: believed where unsigned ones are trusted (SQLite), refused on KurrentDB unless vouched for up to a revision', async () => {
    const store = new InMemoryEventStore();
    await forgeIssue(store); // revision 0, as an earlier release wrote it: no signature
    await forgeIssue(store); // revision 1
    for (const [unsigned, believed] of [
      ['trusted', 2],
      ['refused', 0],
      [{ throughRevision: 0 }, 1],
    ] as const) {
      const { registry, refused } = await following(store, trustFor(unsigned));
      try {
        expect({ unsigned, refused: refused.length }).toEqual({ unsigned, refused: 2 - believed });
        expect(registry.principalFor(forgedKey) !== undefined).toBe(believed > 0);
      } finally {
        registry.close();
      }
    }
  });

  it('passes over an event in the stream that cannot be read, as refused, and goes on', async () => {
    const store = new InMemoryEventStore();
    const book = new ApiKeyBook(store, keys);
    const before = await book.issue({ name: 'before', roles: ['viewer'] }, 'ops');
    const unreadable = forwardingEventStore(() => store);
    const readStream = unreadable.readStream;
    unreadable.readStream = async (...args) =>
      (await readStream(...args)).map((e) =>
        e.revision === 0 ? Object.defineProperty({ ...e }, 'data', { get: () => { throw new UnreadableEventError({ ...e }, 'foreign'); } }) : e,
      );
    const after = await book.issue({ name: 'after', roles: ['viewer'] }, 'ops');
    const { registry, refused } = await following(unreadable, keys.trust);
    try {
      expect(registry.principalFor(before.key)).toBeUndefined();
      expect(registry.principalFor(after.key)).toMatchObject({ actor: 'after' });
      expect(refused[0]!.why).toMatch(/cannot be read/);
    } finally {
      registry.close();
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
