import { parseIsoDuration, toIsoDuration } from './iso-duration.js';

describe('ISO 8601 durations', () => {
  it.each([
    ['P7Y', '7', 'year'],
    ['P18M', '18', 'month'],
    ['P2W', '2', 'week'],
    ['P30D', '30', 'day'],
    ['P1.5Y', '1.5', 'year'],
    ['P0,5Y', '0.5', 'year'],
    ['P1Y6M', '18', 'month'],
    ['P1W3D', '10', 'day'],
    ['P007Y', '7', 'year'],
  ])('reads %s as %s %s', (iso, amount, unit) => {
    expect(parseIsoDuration(iso)).toEqual({ amount, unit });
  });

  it.each(['P', 'P7', '7Y', 'PT5H', 'P1Y2D', 'P1.5Y6M', 'P-1Y', 'p7y', 'P7Y '])('refuses %j', (iso) => {
    expect(parseIsoDuration(iso)).toBeUndefined();
  });

  it('writes a decimal duration back', () => {
    expect(toIsoDuration('7', 'year')).toBe('P7Y');
    expect(toIsoDuration('1.5', 'month')).toBe('P1.5M');
  });
});
