import type { ApiKeyIssued, ApiKeyRevoked } from './api-key-events.js';
import type { AdoptApiKey, IssueApiKey, RevokeApiKey } from './api-keys.decide.js';
import { given } from './testing/given-when-then.js';

const HASH = 'a'.repeat(64);
const issue = (patch: Partial<IssueApiKey> = {}): IssueApiKey => ({ type: 'IssueApiKey', keyId: 'key-1', name: 'ingest-bot', roles: ['writer'], sha256: HASH, ...patch });
const adopt = (patch: Partial<AdoptApiKey> = {}): AdoptApiKey => ({ ...issue(), type: 'AdoptApiKey', keyId: 'key-2', ...patch });
const revoke = (key: string, reason: string | null = null): RevokeApiKey => ({ type: 'RevokeApiKey', key, reason });
const issued = (keyId = 'key-1', name = 'ingest-bot'): ApiKeyIssued => ({ type: 'ApiKeyIssued.v1', data: { keyId, name, roles: ['writer'], sha256: HASH } });
const revoked = (keyId = 'key-1', name = 'ingest-bot'): ApiKeyRevoked => ({ type: 'ApiKeyRevoked.v1', data: { keyId, name, reason: null } });

describe('IssueApiKey', () => {
  it('issues a key under a free name, each role once, in the order given', () => {
    expect(given().when(issue({ roles: ['writer', 'viewer', 'writer'] })).thenEvents()).toEqual([
      { type: 'ApiKeyIssued.v1', data: { keyId: 'key-1', name: 'ingest-bot', roles: ['writer', 'viewer'], sha256: HASH } },
    ]);
  });

  it('refuses a name an active key has, and takes one whose key was revoked', () => {
    expect(given(issued()).when(issue({ keyId: 'key-2' })).thenError()).toMatchObject({ code: 'KEYS.NAME_TAKEN', kind: 'conflict', field: 'name' });
    expect(given(issued(), revoked()).when(issue({ keyId: 'key-2' })).thenEvents()).toHaveLength(1);
  });

  it.each<[Partial<IssueApiKey>, string, string]>([
    [{ roles: ['root'] }, 'KEYS.INVALID_ROLE', 'roles'],
    [{ roles: [] }, 'KEYS.INVALID_ROLE', 'roles'],
    ...['', '-lead', 'a b', '$all', 'x'.repeat(65), '../keys'].map((name): [Partial<IssueApiKey>, string, string] => [{ name }, 'KEYS.INVALID_NAME', 'name']),
  ])('refuses %j', (patch, code, field) => {
    expect(given().when(issue(patch)).thenError()).toMatchObject({ code, kind: 'invalid', field });
  });
});

describe('AdoptApiKey', () => {
  it('records a key known by its hash only, even under a name an active key has', () => {
    expect(given(issued()).when(adopt()).thenEvents()).toEqual([
      { type: 'ApiKeyIssued.v1', data: { keyId: 'key-2', name: 'ingest-bot', roles: ['writer'], sha256: HASH } },
    ]);
  });

  it('refuses a hash that is not 64 lowercase hex digits, before anything else', () => {
    expect(given().when(adopt({ sha256: 'nothex', roles: [] })).thenError()).toMatchObject({ code: 'KEYS.INVALID_HASH', field: 'sha256' });
  });
});

describe('RevokeApiKey', () => {
  it('revokes by key id, or by the name of the active key, with the reason', () => {
    expect(given(issued()).when(revoke('key-1', 'rotated')).thenEvents()).toEqual([
      { type: 'ApiKeyRevoked.v1', data: { keyId: 'key-1', name: 'ingest-bot', reason: 'rotated' } },
    ]);
    expect(given(issued(), revoked(), issued('key-2')).when(revoke('ingest-bot')).thenEvents()).toEqual([revoked('key-2')]);
  });

  it('refuses a key revoked already, and one nobody issued', () => {
    expect(given(issued(), revoked()).when(revoke('key-1')).thenError()).toMatchObject({ code: 'KEYS.ALREADY_REVOKED', kind: 'conflict' });
    expect(given(issued(), revoked()).when(revoke('ingest-bot')).thenError()).toMatchObject({ code: 'KEYS.NOT_FOUND', kind: 'not_found' });
    expect(given().when(revoke('nobody')).thenError()).toMatchObject({ code: 'KEYS.NOT_FOUND' });
  });
});
