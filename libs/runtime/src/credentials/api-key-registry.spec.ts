import { ApiKeyBook } from '#application';
import { InMemoryEventStore } from '#event-store';
import { ApiKeyRegistry, parseApiKeysSetting } from './api-key-registry.js';

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
      await waitFor(() => registry.principalFor(later.key) !== undefined);
      await book.revoke('early', 'ops');
      await waitFor(() => registry.principalFor(before.key) === undefined);
      expect(registry.principalFor(later.key)).toMatchObject({ actor: 'late', roles: ['auditor'] });
      expect(registry.principalFor('unknown')).toBeUndefined();
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

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
