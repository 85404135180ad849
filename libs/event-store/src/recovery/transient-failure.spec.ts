import { StoreUnavailableError } from '../event-store.errors.js';
import { isTransientFailure } from './transient-failure.js';

const sqlite = (code: string) => Object.assign(new Error(code), { code });

describe('which failures the ledger recovers from on its own', () => {
  it.each(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_BUSY', 'SQLITE_LOCKED_SHAREDCACHE', 'SQLITE_NOMEM'])('%s passes once the machine recovers', (code) => {
    expect(isTransientFailure(sqlite(code))).toBe(true);
  });

  it('the same failure carried as the cause of another (met while applying an event)', () => {
    expect(isTransientFailure(new Error('deal-state failed on an event', { cause: sqlite('SQLITE_FULL') }))).toBe(true);
  });

  it('an event store that cannot be reached', () => {
    expect(isTransientFailure(new StoreUnavailableError('connection refused'))).toBe(true);
  });

  it.each(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_CONSTRAINT'])('%s needs an operator', (code) => {
    expect(isTransientFailure(sqlite(code))).toBe(false);
  });

  it('a projection that throws is not a failure of the machine', () => {
    expect(isTransientFailure(new Error('bad event'))).toBe(false);
  });

  it('a store unavailable because its file is corrupt is not a store that comes back', () => {
    expect(isTransientFailure(new StoreUnavailableError('reading failed', { cause: sqlite('SQLITE_CORRUPT') }))).toBe(false);
    expect(isTransientFailure(new StoreUnavailableError('locked by another writer', { cause: sqlite('SQLITE_BUSY') }))).toBe(true);
  });
});
