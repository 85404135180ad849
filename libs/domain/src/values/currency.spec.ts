import { ISO_CURRENCY_CODES, isIsoCurrency } from './currency.js';

describe('ISO 4217 currencies', () => {
  it.each(['EUR', 'USD', 'JPY', 'CHF', 'XAU', 'XCG', 'ZWG'])('accepts %s', (code) => {
    expect(isIsoCurrency(code)).toBe(true);
  });

  it.each(['eur', 'EURO', 'EU', '', ' EUR', 'XXX', 'XTS', 'HRK', 'ANG', 'ZWL', 'BTC'])('rejects %j', (code) => {
    expect(isIsoCurrency(code)).toBe(false);
  });

  it('rejects anything that is not a string', () => {
    expect(isIsoCurrency(978)).toBe(false);
    expect(isIsoCurrency(undefined)).toBe(false);
  });

  it('lists each code once, as three capital letters, in order', () => {
    expect(new Set(ISO_CURRENCY_CODES).size).toBe(ISO_CURRENCY_CODES.length);
    expect(ISO_CURRENCY_CODES.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
    expect([...ISO_CURRENCY_CODES].sort()).toEqual([...ISO_CURRENCY_CODES]);
  });
});
