import { StoreUnavailableError } from '#event-store';
import { isTransientFailure } from './restart-schedule.js';
import { EventApplyFailure } from './apply-failure.js';

const sqlite = (code: string) => Object.assign(new Error(code), { code });

describe('which failures the runner recovers from on its own', () => {
  it.each(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_BUSY', 'SQLITE_LOCKED_SHAREDCACHE', 'SQLITE_NOMEM'])('%s passes once the machine recovers', (code) => {
    expect(isTransientFailure(sqlite(code))).toBe(true);
  });

  it('the same failure met while applying an event', () => {
    const event = { position: 1 } as ConstructorParameters<typeof EventApplyFailure>[1];
    expect(isTransientFailure(new EventApplyFailure('deal-state', event, sqlite('SQLITE_FULL')))).toBe(true);
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
});
