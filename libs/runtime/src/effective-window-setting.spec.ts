import { DEFAULT_EFFECTIVE_WINDOW } from '#domain';
import { effectiveWindowOf } from './effective-window-setting.js';

describe('LEDGER_EFFECTIVE_WINDOW', () => {
  const now = new Date('2026-12-03T20:00:00Z');

  it('defaults to 1950-01-01 to 50 years after the moment of recording', () => {
    expect(effectiveWindowOf(undefined, now)).toEqual(DEFAULT_EFFECTIVE_WINDOW);
    expect(DEFAULT_EFFECTIVE_WINDOW).toEqual({ from: { at: '1950-01-01' }, to: { yearsFromNow: 50 } });
  });

  it('takes dates and years from now, either way', () => {
    expect(effectiveWindowOf('1900-01-01/2100-12-31', now)).toEqual({ from: { at: '1900-01-01' }, to: { at: '2100-12-31' } });
    expect(effectiveWindowOf(' -P100Y/P10Y ', now)).toEqual({ from: { yearsFromNow: -100 }, to: { yearsFromNow: 10 } });
  });

  it.each(['1950-01-01', '1950/P50Y', '1950-01-01/50', '1950-01-01/P50Y/x', 'P5M/P50Y', '1950-02-30/P50Y'])(
    'stops the start on %s, naming the setting and its spelling',
    (setting) => {
      expect(() => effectiveWindowOf(setting, now)).toThrow(/^LEDGER_EFFECTIVE_WINDOW must be <from>\/<to>, each a date/);
    },
  );

  it('stops the start on a window that ends before it begins', () => {
    expect(() => effectiveWindowOf('2100-01-01/P10Y', now)).toThrow(/LEDGER_EFFECTIVE_WINDOW must begin before it ends/);
  });
});
