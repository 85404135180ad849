import { ACCESS_CATEGORY, ACCESS_KEYS_STREAM, ACCESS_LOG_STREAM, ADMIN_CATEGORY, SUBSCRIPTION_CATEGORY, SUBSCRIPTION_DEFINITIONS_STREAM, subscriptionStateStreamName } from '#application';
import { DEAL_CATEGORY, PARTY_CATEGORY, RECORDS_CATEGORY, partyStreamName, recordsStreamName } from '#domain';
import { categoryOf } from '#event-store';
import { loadConfig } from './config.js';
import { LEDGER_STREAM_CATEGORIES, openKurrentDbStore } from './kurrentdb-store.js';

describe('configuration for KurrentDB', () => {
  it('reads LEDGER_STORE=kurrentdb with its connection string and optional stream prefix', () => {
    expect(loadConfig({ LEDGER_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: ' kurrentdb://kdb:2113?tls=false ' })).toMatchObject({
      store: 'kurrentdb',
      kurrentdb: { connectionString: 'kurrentdb://kdb:2113?tls=false' },
    });
    expect(
      loadConfig({ LEDGER_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'kurrentdb://kdb:2113', KURRENTDB_STREAM_PREFIX: 'staging.' }).kurrentdb,
    ).toEqual({ connectionString: 'kurrentdb://kdb:2113', streamPrefix: 'staging.' });
    expect(loadConfig({ KURRENTDB_CONNECTION_STRING: 'kurrentdb://kdb:2113' })).not.toHaveProperty('kurrentdb');
  });

  it.each([
    ['no connection string', {}, 'LEDGER_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false)'],
    ['a blank connection string', { KURRENTDB_CONNECTION_STRING: '  ' }, /needs KURRENTDB_CONNECTION_STRING/],
    ['a stream prefix with a dash', { KURRENTDB_CONNECTION_STRING: 'kurrentdb://h', KURRENTDB_STREAM_PREFIX: 'a-b' }, /KURRENTDB_STREAM_PREFIX may hold letters/],
  ])('refuses %s, naming the variable', (_, env, message) => {
    expect(() => loadConfig({ LEDGER_STORE: 'kurrentdb', ...env })).toThrow(message);
  });

  it('names kurrentdb among the stores when LEDGER_STORE is unknown', () => {
    expect(() => loadConfig({ LEDGER_STORE: 'postgres' })).toThrow('LEDGER_STORE must be sqlite, memory or kurrentdb, not postgres');
  });

  it('refuses a connection string the client cannot parse, naming the variable', async () => {
    const config = loadConfig({ LEDGER_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'postgres://localhost/ledger' });
    await expect(openKurrentDbStore(config)).rejects.toThrow(/^KURRENTDB_CONNECTION_STRING is not a KurrentDB connection string: Unexpected "postgres:\/\/" at position 0/);
  });

  it('scopes the store to every category the ledger writes: deals, parties, records, admin operations, keys and access log, the state of durable subscriptions, earlier checkpoints', () => {
    expect([...LEDGER_STREAM_CATEGORIES].sort()).toEqual(
      [ADMIN_CATEGORY, ACCESS_CATEGORY, DEAL_CATEGORY, PARTY_CATEGORY, RECORDS_CATEGORY, SUBSCRIPTION_CATEGORY, 'ledger'].sort(),
    );
    expect(LEDGER_STREAM_CATEGORIES).toEqual(expect.arrayContaining(['deal', 'party', 'records', 'admin', 'access', 'ledger']));
    expect(LEDGER_STREAM_CATEGORIES).toContain(categoryOf(partyStreamName('acme')));
    expect(LEDGER_STREAM_CATEGORIES).toContain(categoryOf(recordsStreamName('personal-data')));
    expect(LEDGER_STREAM_CATEGORIES).toEqual(expect.arrayContaining([categoryOf(ACCESS_KEYS_STREAM), categoryOf(ACCESS_LOG_STREAM)]));
    expect(LEDGER_STREAM_CATEGORIES).toEqual(expect.arrayContaining([categoryOf(SUBSCRIPTION_DEFINITIONS_STREAM), categoryOf(subscriptionStateStreamName('risk-feed'))]));
  });
});
