import { loadConfig } from './config.js';
import { retentionScheduleOf } from './retention-settings.js';

describe('retention settings', () => {
  it('keeps every category six years unless told otherwise', () => {
    expect(loadConfig({}).retention).toEqual({ 'deal-events': 6, 'access-log': 6, 'admin-events': 6 });
    expect(retentionScheduleOf({ LEDGER_RETENTION_ACCESS_LOG_YEARS: '3', LEDGER_RETENTION_DEAL_EVENTS_YEARS: '10' })).toEqual({
      'deal-events': 10,
      'access-log': 3,
      'admin-events': 6,
    });
  });

  it.each(['0', '-6', '6.5', 'six', '', '600'])('stops the start on %j, naming the variable', (setting) => {
    expect(() => loadConfig({ LEDGER_RETENTION_ADMIN_EVENTS_YEARS: setting })).toThrow(/LEDGER_RETENTION_ADMIN_EVENTS_YEARS must be whole years from 1 to 100/);
  });
});
