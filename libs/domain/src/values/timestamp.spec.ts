import { assertTimestamp, isIsoTimestamp, timestampsEqual } from './timestamp.js';

describe('timestamps', () => {
  it.each([
    '2025-03-17',
    '2025-03-17T09:30Z',
    '2025-03-17T09:30:15Z',
    '2025-03-17T09:30:15.123456789+09:00',
    '2024-02-29',
    '2000-02-29T23:59:59-05:30',
  ])('accepts %j', (value) => {
    expect(isIsoTimestamp(value)).toBe(true);
  });

  it.each([
    ['an impossible day that V8 would roll over', '2025-02-30'],
    ['29 February outside a leap year', '2025-02-29'],
    ['29 February of a century year', '1900-02-29'],
    ['31 April', '2025-04-31'],
    ['month 13', '2025-13-01'],
    ['day 0', '2025-03-00'],
    ['hour 24', '2025-03-17T24:00Z'],
    ['minute 60', '2025-03-17T10:60Z'],
    ['second 60', '2025-03-17T10:00:60Z'],
    ['a time without a zone', '2025-03-17T10:00:00'],
    ['an offset without a colon', '2025-03-17T10:00:00+0900'],
    ['a space for T', '2025-03-17 10:00Z'],
    ['a year and month only', '2025-03'],
    ['free text', 'yesterday'],
  ])('rejects %s', (_why, value) => {
    expect(isIsoTimestamp(value)).toBe(false);
  });

  it('rejects epoch numbers and Dates', () => {
    expect(isIsoTimestamp(1742169600000)).toBe(false);
    expect(isIsoTimestamp(new Date())).toBe(false);
  });

  it('fails with TIME.INVALID_TIMESTAMP and the field', () => {
    expect(() => assertTimestamp('2025-02-30', 'amount.reportedAt')).toThrow(
      expect.objectContaining({ code: 'TIME.INVALID_TIMESTAMP', field: 'amount.reportedAt', kind: 'invalid' }),
    );
  });

  it('compares instants, not spellings', () => {
    expect(timestampsEqual('2025-03-17', '2025-03-17T00:00:00Z')).toBe(true);
    expect(timestampsEqual('2025-03-17T09:00+09:00', '2025-03-17T00:00Z')).toBe(true);
    expect(timestampsEqual('2025-03-17', '2025-03-18')).toBe(false);
  });
});
