import { RATE_PERIODS, UNITS, convertUnit, isKnownUnit, isSpellingOf, suggestUnit, unitWords } from './units.js';

describe('the unit table', () => {
  it('spells each unit once, and no other spelling of one unit is another unit\'s symbol', () => {
    const symbols = UNITS.map((unit) => unit.symbol);
    expect(new Set(symbols).size).toBe(symbols.length);
    for (const unit of UNITS) {
      for (const alias of unit.aliases ?? []) {
        expect(symbols.filter((symbol) => symbol !== unit.symbol)).not.toContain(alias);
      }
    }
  });

  it('knows the units deals are reported in, case-sensitively', () => {
    for (const symbol of ['t', 'kt', 'kg', 'g', 'lb', 'oz', 'troy oz', 'm3', 'bbl', 'MWh', 'GWh', 'MW', 'GW']) {
      expect(isKnownUnit(symbol)).toBe(true);
    }
    expect(isKnownUnit('tonnes')).toBe(false);
    expect(isKnownUnit('mw')).toBe(false);
    expect(RATE_PERIODS).toEqual(['year', 'month', 'day', 'hour']);
  });

  it('suggests the symbol for a word a source prints', () => {
    expect(suggestUnit('Tonnes')).toBe('t');
    expect(suggestUnit('troy ounces')).toBe('troy oz');
    expect(suggestUnit('mwh')).toBe('MWh');
    expect(suggestUnit('furlongs')).toBeUndefined();
  });

  it.each<[string, string, boolean]>([
    ['kg', 'kg', true],
    ['Kilos', 'kg', true],
    ['tonne', 't', true],
    // "mt" reads as metric tonnes or million tonnes: the writer who names one decides
    ['mt', 't', true],
    ['mt', 'Mt', true],
    // a symbol of the table spelled exactly is that unit only
    ['Mt', 't', false],
    ['kg', 'g', false],
    ['lot', 'kg', false],
    ['kg', 'furlong', false],
  ])('tells whether the spelling %s, stored before the table, names %s', (spelling, symbol, expected) => {
    expect(isSpellingOf(spelling, symbol)).toBe(expected);
  });

  it('has words for a reader, and shows a unit outside the table as stored', () => {
    expect(unitWords('t', true)).toBe('tonnes');
    expect(unitWords('kg', false)).toBe('kilogram');
    expect(unitWords('tonnes of ore', true)).toBe('tonnes of ore');
  });

  it.each<[string, string, string, string | undefined]>([
    ['2000', 'lb', 'kg', '907.18474'],
    ['1', 'troy oz', 'g', '31.1034768'],
    ['1.5', 't', 'kg', '1500'],
    ['3600', 'J', 'kWh', '0.001'],
    ['1', 'GW', 'MW', '1000'],
    ['1', 'bbl', 'L', '158.987294928'],
    // no exact decimal: 1 J is 1/3600 Wh
    ['1', 'J', 'kWh', undefined],
    // across dimensions, or without an exact factor, nothing is claimed
    ['1', 't', 'MWh', undefined],
    ['1', 'MWp', 'MW', undefined],
    ['1', 'tonnes', 'kg', undefined],
  ])('converts %s %s to %s exactly or not at all', (amount, from, to, expected) => {
    expect(convertUnit(amount, from, to)).toBe(expected);
  });
});
