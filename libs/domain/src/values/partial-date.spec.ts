import { describePartialDate, parsePartialDate } from './partial-date.js';

describe('a date as precise as the source gave it', () => {
  it.each([
    ['2027', 'year', '2027-01-01', '2027-12-31'],
    ['2027-Q3', 'quarter', '2027-07-01', '2027-09-30'],
    ['2028-02', 'month', '2028-02-01', '2028-02-29'],
    ['2027-09-15', 'day', '2027-09-15', '2027-09-15'],
    ['0004-02-29', 'day', '0004-02-29', '0004-02-29'],
  ] as const)('%s (%s) covers %s to %s', (value, precision, first, last) => {
    expect(parsePartialDate(value, precision)).toEqual({ first, last });
  });

  it.each([
    ['2027-Q3', 'year'],
    ['27', 'year'],
    ['2027-Q0', 'quarter'],
    ['2027-q3', 'quarter'],
    ['2027-00', 'month'],
    ['2027-9', 'month'],
    ['1900-02-29', 'day'],
    ['2027-04-31', 'day'],
  ] as const)('refuses %s as a date of %s precision', (value, precision) => {
    expect(parsePartialDate(value, precision)).toBeUndefined();
  });

  it('reads as people write it', () => {
    expect(describePartialDate('2027-Q3', 'quarter')).toBe('Q3 2027');
    expect(describePartialDate('2027-09', 'month')).toBe('September 2027');
    expect(describePartialDate('2027', 'year')).toBe('2027');
    expect(describePartialDate('2027-09-15', 'day')).toBe('2027-09-15');
    expect(describePartialDate('soon', 'quarter')).toBe('soon');
  });
});
