import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { ApiKeyBook, hashApiKey, trustOfSigningKey } from '#application';
import { InMemoryEventStore } from '#event-store';
import { setUpLocalKeys } from './local-admin-key.js';

const { privateKey: signingKey } = generateKeyPairSync('ed25519');
const keys = { signingKey, trust: trustOfSigningKey(signingKey, 'refused') };

describe('the keys of a ledger starting for the first time', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deal-ledger-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('issues one admin key, written for the owner only; a ledger with keys gets none', async () => {
    const store = new InMemoryEventStore();
    const setUp = await setUpLocalKeys(store, keys, dir);
    const key = readFileSync(setUp.createdKeyFile!, 'utf8').trim();
    expect(statSync(setUp.createdKeyFile!).mode & 0o777).toBe(0o600);
    const [record] = await new ApiKeyBook(store, keys).list();
    expect(record).toMatchObject({ name: 'local-admin', roles: ['admin'], sha256: hashApiKey(key) });
    expect(await setUpLocalKeys(store, keys, dir)).toEqual({ migrated: 0 });
    expect(await new ApiKeyBook(store, keys).list()).toHaveLength(1);
  });

  it('carries the keys of an earlier release over, all or none', async () => {
    const file = join(dir, 'api-keys.json');
    const keyFile = (actors: string[]) => ({ keys: actors.map((actor) => ({ actor, sha256: hashApiKey(actor), createdAt: '' })) });

    writeFileSync(file, JSON.stringify(keyFile(['analyst-1', 'cli:root'])));
    const store = new InMemoryEventStore();
    await expect(setUpLocalKeys(store, keys, dir)).rejects.toThrow(/"cli:root"/);
    expect(await new ApiKeyBook(store, keys).list()).toEqual([]);
    expect(existsSync(file)).toBe(true);

    writeFileSync(file, JSON.stringify(keyFile(['analyst-1', 'analyst-2'])));
    expect(await setUpLocalKeys(store, keys, dir)).toEqual({ migrated: 2 });
    expect((await new ApiKeyBook(store, keys).list()).map((k) => [k.name, k.roles, k.sha256])).toEqual([
      ['analyst-1', ['admin'], hashApiKey('analyst-1')],
      ['analyst-2', ['admin'], hashApiKey('analyst-2')],
    ]);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.migrated`)).toBe(true);
    expect(existsSync(join(dir, 'local-api-key'))).toBe(false);
  });
});
