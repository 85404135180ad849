import { generateKeyPairSync } from 'node:crypto';
import { InMemoryEventStore } from '#event-store';
import { ACCESS_KEYS_STREAM } from './access-events.js';
import { ApiKeyBook, hashApiKey } from './api-key-book.js';
import { keyView } from './api-key-records.js';
import { trustOfSigningKey } from './key-event-signature.js';

const { privateKey: signingKey } = generateKeyPairSync('ed25519');
const keys = { signingKey, trust: trustOfSigningKey(signingKey, 'refused') };

describe('ApiKeyBook', () => {
  let store: InMemoryEventStore;
  let book: ApiKeyBook;
  beforeEach(() => {
    store = new InMemoryEventStore();
    book = new ApiKeyBook(store, keys);
  });

  it('issues a random key once and keeps only its hash, in the access-keys stream', async () => {
    const { key, record } = await book.issue({ name: 'ingest-bot', roles: ['writer', 'writer'] }, 'ops-1');
    const other = await book.issue({ name: 'risk-engine', roles: ['subscriber'] }, 'ops-1');
    expect(key).toMatch(/^dl_[\w-]{43}$/);
    expect(other.key).not.toBe(key);
    expect(record).toMatchObject({ name: 'ingest-bot', roles: ['writer'], sha256: hashApiKey(key), issuedBy: 'ops-1', revokedAt: null });
    const [issued] = await store.readStream(ACCESS_KEYS_STREAM);
    expect(issued!.type).toBe('ApiKeyIssued.v1');
    expect(JSON.stringify(issued)).not.toContain(key);
    expect(issued!.metadata.actor).toBe('ops-1');
    expect(keyView(record)).not.toHaveProperty('sha256');
  });

  it('refuses a second active key of the same name, an unknown role, no role, or a name that is no identifier', async () => {
    await book.issue({ name: 'ingest-bot', roles: ['writer'] }, 'ops-1');
    await expect(book.issue({ name: 'ingest-bot', roles: ['viewer'] }, 'ops-1')).rejects.toMatchObject({ code: 'KEYS.NAME_TAKEN' });
    await expect(book.issue({ name: 'x', roles: ['root'] }, 'ops-1')).rejects.toMatchObject({ code: 'KEYS.INVALID_ROLE' });
    await expect(book.issue({ name: 'x', roles: [] }, 'ops-1')).rejects.toMatchObject({ code: 'KEYS.INVALID_ROLE' });
    for (const name of ['', '-lead', 'a b', '$all', 'x'.repeat(65), '../keys']) {
      await expect(book.issue({ name, roles: ['viewer'] }, 'ops-1')).rejects.toMatchObject({ code: 'KEYS.INVALID_NAME' });
    }
    expect(await book.list()).toHaveLength(1);
  });

  it('revokes by id or by the name of an active key, once; the name is then free again', async () => {
    const first = await book.issue({ name: 'ingest-bot', roles: ['writer'] }, 'ops-1');
    const revoked = await book.revoke('ingest-bot', 'ops-2', 'rotated');
    expect(revoked.keyId).toBe(first.record.keyId);
    await expect(book.revoke(first.record.keyId, 'ops-2')).rejects.toMatchObject({ code: 'KEYS.ALREADY_REVOKED' });
    await expect(book.revoke('nobody', 'ops-2')).rejects.toMatchObject({ code: 'KEYS.NOT_FOUND' });
    const second = await book.issue({ name: 'ingest-bot', roles: ['writer'] }, 'ops-1');
    const listed = await book.list();
    expect(listed.map((k) => [k.keyId, k.revokedAt === null])).toEqual([
      [first.record.keyId, false],
      [second.record.keyId, true],
    ]);
  });

  it('records both keys when two admins issue at once: the one that meets the other\'s write is decided again', async () => {
    const results = await Promise.allSettled([
      book.issue({ name: 'a', roles: ['viewer'] }, 'ops-1'),
      book.issue({ name: 'b', roles: ['viewer'] }, 'ops-2'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect((await book.list()).map((k) => k.name).sort()).toEqual(['a', 'b']);
  });

  it('adopts a key known by its hash only, and refuses a malformed hash', async () => {
    const record = await book.adopt({ name: 'legacy', roles: ['admin'], sha256: hashApiKey('old-key') }, 'migration');
    expect(record.sha256).toBe(hashApiKey('old-key'));
    await expect(book.adopt({ name: 'legacy', roles: ['admin'], sha256: 'nothex' }, 'migration')).rejects.toMatchObject({
      code: 'KEYS.INVALID_HASH',
    });
  });
});
