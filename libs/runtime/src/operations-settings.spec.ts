import { DEFAULT_OPERATIONS, operationsSettingsOf } from './operations-settings.js';

describe('the operator\'s settings', () => {
  it('defaults to info logs, a lag bound of 1,000 events, 10 s of grace and a daily verification', () => {
    expect(operationsSettingsOf({})).toEqual(DEFAULT_OPERATIONS);
    expect(DEFAULT_OPERATIONS).toEqual({ logLevel: 'info', readyMaxLagEvents: 1_000, shutdownGraceSeconds: 10, verifyEverySeconds: 86_400 });
  });

  it('reads each variable', () => {
    expect(
      operationsSettingsOf({ LEDGER_LOG_LEVEL: 'WARN', LEDGER_READY_MAX_LAG: '0', LEDGER_SHUTDOWN_GRACE_S: '30', LEDGER_VERIFY_EVERY_S: 'off' }),
    ).toEqual({ logLevel: 'warn', readyMaxLagEvents: 0, shutdownGraceSeconds: 30, verifyEverySeconds: 'off' });
    expect(operationsSettingsOf({ LEDGER_VERIFY_EVERY_S: '3600' }).verifyEverySeconds).toBe(3600);
  });

  it.each([
    ['LEDGER_LOG_LEVEL', 'loud'],
    ['LEDGER_READY_MAX_LAG', '-1'],
    ['LEDGER_SHUTDOWN_GRACE_S', '1.5'],
    ['LEDGER_VERIFY_EVERY_S', '0'],
    ['LEDGER_VERIFY_EVERY_S', ''],
  ])('stops the start on a bad %s (%p), naming it', (name, value) => {
    expect(() => operationsSettingsOf({ [name]: value })).toThrow(name);
  });
});
