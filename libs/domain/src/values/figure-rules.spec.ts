import fc from 'fast-check';
import {
  EUR,
  PERCENT,
  TONNES,
  TONNES_PER_YEAR,
  WORDS,
  loose,
  money,
  percent,
  range,
  report,
  reuters,
  tonnes,
  undisclosed,
  words,
} from '../deal/testing/builders.js';
import { copyAs } from '../deal/canonical-payload.js';
import { caught } from '../deal/testing/caught.js';
import { describeFigureValue } from './describe-figure.js';
import type { Conversion, FigureValue, Qualifier } from './figure.js';
import { figureValuesEqual, sourcesEqual } from './figure-equality.js';
import { assertValidFigureReport, assertValidFigureValue, assertValidSource } from './figure-rules.js';

const F = 'amount.value';
const valueError = (value: unknown) => caught(() => assertValidFigureValue(value, F));

const toUsd: Conversion = { currency: 'USD', amount: '120000000', rate: { base: 'USD', quote: 'EUR', value: '0.9188' }, convertedBy: 'publisher' };
const withConversion = (conversion: unknown): FigureValue => loose(money('EUR', '110000000', 'up_to'), { conversions: [conversion] });

describe('figure values', () => {
  describe('accepts what sources report', () => {
    it.each<[string, FigureValue]>([
      ['up to EUR 110,000,000 with its USD conversion', withConversion(toUsd)],
      ['a conversion with the rate the other way round', withConversion({ ...toUsd, rate: { base: 'EUR', quote: 'USD', value: '1.0884' } })],
      ['about 50 %', percent('50', 'about')],
      ['0 % and 100 %', range(PERCENT, '0', '100')],
      ['more than 1,000 t per year', { measure: TONNES_PER_YEAR, qualifier: 'more_than', amount: '1000' }],
      ['at least 90 t', tonnes('90', 'at_least')],
      ['a range with equal bounds', range(EUR, '100', '100.00')],
      ['a range compared as numbers, not text', range(EUR, '99.5', '100')],
      ['a zero written -0', money('EUR', '-0')],
      ['undisclosed with a note', undisclosed(PERCENT, 'declined to comment')],
      ['withheld', { measure: EUR, qualifier: 'withheld' }],
      ['words, exact', words('long-term')],
      ['words, about', words('five years', 'about')],
      ['words, undisclosed', undisclosed(WORDS)],
    ])('%s', (_name, value) => {
      expect(() => assertValidFigureValue(value, F)).not.toThrow();
    });

    it('stores a conversion as reported, never recomputed from the rate', () => {
      // 110,000,000 / 0.9188 is 119,721,375.7…; the publisher printed 120,000,000.
      const value = withConversion(toUsd);
      expect(() => assertValidFigureValue(value, F)).not.toThrow();
      expect(copyAs('FigureValue', value).conversions).toEqual([toUsd]);
    });
  });

  describe('measures', () => {
    it.each<[string, unknown, string, string]>([
      ['no measure', { qualifier: 'exact', amount: '1' }, 'FIGURE.INVALID_MEASURE', `${F}.measure`],
      ['an unknown kind', { measure: { kind: 'length' }, qualifier: 'exact', amount: '1' }, 'FIGURE.INVALID_MEASURE', `${F}.measure.kind`],
      ['a quantity without unit', { measure: { kind: 'quantity' }, qualifier: 'exact', amount: '1' }, 'VALUE.REQUIRED', `${F}.measure.unit`],
      ['a blank per', { measure: { kind: 'quantity', unit: 't', per: ' ' }, qualifier: 'exact', amount: '1' }, 'VALUE.REQUIRED', `${F}.measure.per`],
      ['a value that is not an object', 'EUR 110m', 'VALUE.REQUIRED', F],
    ])('rejects %s', (_name, value, code, field) => {
      expect(valueError(value)).toMatchObject({ code, field, kind: 'invalid' });
    });
  });

  describe('currencies are ISO 4217', () => {
    it.each<[string, unknown, string]>([
      ['the figure currency', money('EURO', '1'), `${F}.measure.currency`],
      ['a lower-case figure currency', money('eur', '1'), `${F}.measure.currency`],
      ['a conversion currency', withConversion({ ...toUsd, currency: 'US$' }), `${F}.conversions[0].currency`],
      ['a rate base', withConversion({ ...toUsd, rate: { base: 'XYZ', quote: 'EUR', value: '0.9' } }), `${F}.conversions[0].rate.base`],
      ['a rate quote', withConversion({ ...toUsd, rate: { base: 'USD', quote: 'EURO', value: '0.9' } }), `${F}.conversions[0].rate.quote`],
    ])('rejects a bad %s', (_name, value, field) => {
      expect(valueError(value)).toMatchObject({ code: 'MONEY.INVALID_CURRENCY', field });
    });
  });

  describe('qualifiers', () => {
    it.each<Qualifier>(['exact', 'up_to', 'at_least', 'more_than', 'about'])('%s needs an amount', (qualifier) => {
      expect(valueError({ measure: EUR, qualifier })).toMatchObject({ code: 'FIGURE.MISSING_VALUE', field: `${F}.amount` });
    });

    it.each(['min', 'max'])('a point value has no %s', (part) => {
      expect(valueError(loose(money('EUR', '1', 'up_to'), { [part]: '2' }))).toMatchObject({
        code: 'FIGURE.UNEXPECTED_VALUE',
        field: `${F}.${part}`,
      });
    });

    it.each(['min', 'max'])('a range needs %s', (part) => {
      const value: Record<string, unknown> = { ...range(EUR, '1', '2') };
      delete value[part];
      expect(valueError(value)).toMatchObject({ code: 'FIGURE.MISSING_VALUE', field: `${F}.${part}` });
    });

    it('a range has no amount', () => {
      expect(valueError(loose(range(EUR, '1', '2'), { amount: '1' }))).toMatchObject({
        code: 'FIGURE.UNEXPECTED_VALUE',
        field: `${F}.amount`,
      });
    });

    it('a range runs from min to max, compared as numbers', () => {
      expect(valueError(range(EUR, '100', '99.99'))).toMatchObject({
        code: 'FIGURE.RANGE_MIN_GREATER_THAN_MAX',
        field: `${F}.min`,
      });
    });

    it.each<[Qualifier, string, unknown]>([
      ['undisclosed', 'amount', '1'],
      ['undisclosed', 'min', '1'],
      ['undisclosed', 'max', '1'],
      ['undisclosed', 'text', 'some'],
      ['undisclosed', 'conversions', [toUsd]],
      ['withheld', 'amount', '0'],
      ['withheld', 'conversions', []],
    ])('%s carries no %s', (qualifier, part, partValue) => {
      expect(valueError({ measure: EUR, qualifier, [part]: partValue })).toMatchObject({
        code: 'FIGURE.VALUE_ON_UNDISCLOSED',
        field: `${F}.${part}`,
      });
    });

    it('rejects an unknown qualifier', () => {
      expect(valueError(loose(money('EUR', '1'), { qualifier: 'roughly' }))).toMatchObject({
        code: 'FIGURE.QUALIFIER_NOT_ALLOWED',
        field: `${F}.qualifier`,
      });
    });

    it('rejects a blank note', () => {
      expect(valueError(undisclosed(PERCENT, ' '))).toMatchObject({ code: 'VALUE.REQUIRED', field: `${F}.note` });
    });
  });

  describe('figures in words', () => {
    it.each<Qualifier>(['up_to', 'at_least', 'more_than', 'range'])('do not take %s', (qualifier) => {
      expect(valueError({ measure: WORDS, qualifier, text: 'soon' })).toMatchObject({
        code: 'FIGURE.QUALIFIER_NOT_ALLOWED',
        field: `${F}.qualifier`,
      });
    });

    it('need their text', () => {
      expect(valueError({ measure: WORDS, qualifier: 'exact' })).toMatchObject({ code: 'FIGURE.MISSING_VALUE', field: `${F}.text` });
      expect(valueError(words('  '))).toMatchObject({ code: 'VALUE.REQUIRED', field: `${F}.text` });
    });

    it('carry no amount, and numbers carry no text', () => {
      expect(valueError(loose(words('soon'), { amount: '1' }))).toMatchObject({ code: 'FIGURE.UNEXPECTED_VALUE', field: `${F}.amount` });
      expect(valueError(loose(money('EUR', '1'), { text: 'one' }))).toMatchObject({ code: 'FIGURE.UNEXPECTED_VALUE', field: `${F}.text` });
    });
  });

  describe('amounts', () => {
    it.each([
      ['above 100', percent('100.01'), `${F}.amount`],
      ['below 0', percent('-1'), `${F}.amount`],
      ['a range bound above 100', range(PERCENT, '20', '101'), `${F}.max`],
    ])('a percentage %s is out of range', (_name, value, field) => {
      expect(valueError(value)).toMatchObject({ code: 'FIGURE.PERCENTAGE_OUT_OF_RANGE', field });
    });

    it.each([
      ['money', money('EUR', '-1'), `${F}.amount`],
      ['a quantity', tonnes('-0.5'), `${F}.amount`],
      ['a range bound', range(EUR, '-5', '5'), `${F}.min`],
      ['a conversion', withConversion({ ...toUsd, amount: '-120000000' }), `${F}.conversions[0].amount`],
    ])('a negative amount is rejected: %s', (_name, value, field) => {
      expect(valueError(value)).toMatchObject({ code: 'FIGURE.NEGATIVE_AMOUNT', field });
    });

    it.each<[string, unknown, string]>([
      ['an exponent', money('EUR', '1.1e8'), `${F}.amount`],
      ['a JS number', loose(money('EUR', '1'), { amount: 110000000 }), `${F}.amount`],
      ['thousands separators', money('EUR', '110,000,000'), `${F}.amount`],
      ['spaces', range(EUR, ' 1', '2'), `${F}.min`],
      ['a bad conversion amount', withConversion({ ...toUsd, amount: 'USD 120m' }), `${F}.conversions[0].amount`],
      ['a bad rate', withConversion({ ...toUsd, rate: { ...toUsd.rate, value: '0,9188' } }), `${F}.conversions[0].rate.value`],
    ])('rejects %s', (_name, value, field) => {
      expect(valueError(value)).toMatchObject({ code: 'FIGURE.INVALID_DECIMAL', field });
    });
  });

  describe('conversions', () => {
    it('apply to money only', () => {
      expect(valueError(loose(percent('50'), { conversions: [toUsd] }))).toMatchObject({
        code: 'MONEY.CONVERSION_ON_NON_MONEY',
        field: `${F}.conversions`,
      });
    });

    it('keep their rate', () => {
      const { rate: _rate, ...noRate } = toUsd;
      expect(valueError(withConversion(noRate))).toMatchObject({ code: 'MONEY.CONVERSION_WITHOUT_RATE', field: `${F}.conversions[0].rate` });
      expect(valueError(withConversion({ ...toUsd, rate: { base: 'USD', quote: 'EUR' } }))).toMatchObject({
        code: 'MONEY.CONVERSION_WITHOUT_RATE',
        field: `${F}.conversions[0].rate.value`,
      });
    });

    it('have a rate between the two currencies involved', () => {
      expect(valueError(withConversion({ ...toUsd, rate: { base: 'USD', quote: 'GBP', value: '0.77' } }))).toMatchObject({
        code: 'MONEY.CONVERSION_RATE_MISMATCH',
        field: `${F}.conversions[0].rate`,
      });
      expect(valueError(withConversion({ ...toUsd, rate: { base: 'USD', quote: 'USD', value: '1' } }))).toMatchObject({
        code: 'MONEY.CONVERSION_RATE_MISMATCH',
      });
    });

    it('have a positive rate', () => {
      expect(valueError(withConversion({ ...toUsd, rate: { ...toUsd.rate, value: '0' } }))).toMatchObject({
        code: 'MONEY.INVALID_RATE',
        field: `${F}.conversions[0].rate.value`,
      });
    });

    it('go to another currency', () => {
      expect(valueError(withConversion({ ...toUsd, currency: 'EUR', rate: { base: 'EUR', quote: 'EUR', value: '1' } }))).toMatchObject({
        code: 'MONEY.CONVERSION_TO_SAME_CURRENCY',
        field: `${F}.conversions[0].currency`,
      });
    });

    it('are a list', () => {
      expect(valueError(loose(money('EUR', '1'), { conversions: toUsd }))).toMatchObject({ code: 'VALUE.INVALID_LIST', field: `${F}.conversions` });
    });
  });
});

describe('sources', () => {
  const sourceError = (patch: Record<string, unknown>) => caught(() => assertValidSource({ ...reuters, ...patch }, 'source'));

  it('accept a full secondary source', () => {
    expect(() =>
      assertValidSource(
        { publisher: 'Nikkei', title: 'report', url: 'https://example.com/a', publishedAt: '2025-03-17T01:00Z', attribution: 'people familiar', tier: 'secondary', citedBy: 'Reuters' },
        'source',
      ),
    ).not.toThrow();
  });

  it.each<[Record<string, unknown>, string, string]>([
    [{ publisher: '  ' }, 'VALUE.REQUIRED', 'source.publisher'],
    [{ publisher: undefined }, 'VALUE.REQUIRED', 'source.publisher'],
    [{ title: '' }, 'VALUE.REQUIRED', 'source.title'],
    [{ attribution: ' ' }, 'VALUE.REQUIRED', 'source.attribution'],
    [{ citedBy: '' }, 'VALUE.REQUIRED', 'source.citedBy'],
    [{ url: 'not a url' }, 'SOURCE.INVALID_URL', 'source.url'],
    [{ url: 'javascript:alert(1)' }, 'SOURCE.INVALID_URL', 'source.url'],
    [{ publishedAt: '2025-02-30' }, 'TIME.INVALID_TIMESTAMP', 'source.publishedAt'],
    [{ tier: 'tertiary' }, 'VALUE.NOT_ALLOWED', 'source.tier'],
  ])('reject %j', (patch, code, field) => {
    expect(sourceError(patch)).toMatchObject({ code, field });
  });

  it('are required', () => {
    expect(caught(() => assertValidSource(undefined, 'source'))).toMatchObject({ code: 'VALUE.REQUIRED', field: 'source' });
  });
});

describe('figure reports', () => {
  const reportError = (value: unknown) => caught(() => assertValidFigureReport(value, 'amount'));

  it('accept a complete report', () => {
    expect(() => assertValidFigureReport(report('inv', money('EUR', '1'), { effectiveAt: '2025-03-17' }), 'amount')).not.toThrow();
  });

  it.each<[string, unknown, string, string]>([
    ['a missing report', undefined, 'VALUE.REQUIRED', 'amount'],
    ['a bad figure id', report('$all', money('EUR', '1')), 'ID.INVALID', 'amount.figureId'],
    ['a bad value', report('inv', money('EUR', 'x')), 'FIGURE.INVALID_DECIMAL', 'amount.value.amount'],
    ['a bad source', report('inv', money('EUR', '1'), { source: { ...reuters, publisher: '' } }), 'VALUE.REQUIRED', 'amount.source.publisher'],
    ['an impossible reportedAt', report('inv', money('EUR', '1'), { reportedAt: '2025-02-30' }), 'TIME.INVALID_TIMESTAMP', 'amount.reportedAt'],
    ['a missing reportedAt', loose(report('inv', money('EUR', '1')), { reportedAt: undefined }), 'TIME.INVALID_TIMESTAMP', 'amount.reportedAt'],
    ['an impossible effectiveAt', report('inv', money('EUR', '1'), { effectiveAt: '2025-04-31' }), 'TIME.INVALID_TIMESTAMP', 'amount.effectiveAt'],
  ])('reject %s', (_name, value, code, field) => {
    expect(reportError(value)).toMatchObject({ code, field });
  });
});

describe('figure equality', () => {
  it('compares amounts as decimals', () => {
    expect(figureValuesEqual(money('EUR', '110000000'), money('EUR', '110000000.0'))).toBe(true);
    expect(figureValuesEqual(range(EUR, '1.0', '2'), range(EUR, '1', '2.00'))).toBe(true);
    expect(figureValuesEqual(withConversion(toUsd), withConversion({ ...toUsd, rate: { ...toUsd.rate, value: '0.91880' } }))).toBe(true);
  });

  it.each<[string, FigureValue, FigureValue]>([
    ['amount', money('EUR', '110000000'), money('EUR', '110000001')],
    ['currency', money('EUR', '1'), money('USD', '1')],
    ['qualifier', money('EUR', '1', 'up_to'), money('EUR', '1')],
    ['measure kind', percent('1'), tonnes('1')],
    ['unit period', tonnes('1'), { measure: TONNES_PER_YEAR, qualifier: 'exact', amount: '1' }],
    ['note', undisclosed(PERCENT, 'declined to comment'), undisclosed(PERCENT)],
    ['text', words('long-term'), words('short-term')],
    ['conversion rate', withConversion(toUsd), withConversion({ ...toUsd, rate: { ...toUsd.rate, value: '0.92' } })],
    ['conversions present', withConversion(toUsd), money('EUR', '110000000', 'up_to')],
  ])('tells values apart by %s', (_name, a, b) => {
    expect(figureValuesEqual(a, b)).toBe(false);
    expect(figureValuesEqual(b, a)).toBe(false);
  });

  it('compares sources field by field, times as instants', () => {
    expect(sourcesEqual(reuters, { ...reuters, publishedAt: '2025-03-17T00:00:00Z' })).toBe(true);
    expect(sourcesEqual(reuters, { ...reuters, attribution: 'a JOGMEC official' })).toBe(false);
    expect(sourcesEqual(reuters, { ...reuters, tier: 'secondary' })).toBe(false);
  });
});

describe('properties of valid figure values', () => {
  const decimal = fc
    .tuple(fc.stringMatching(/^\d{1,12}$/), fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }))
    .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));
  const percentage = fc.integer({ min: 0, max: 10000 }).map((n) => (n / 100).toFixed(2));
  const currency = fc.constantFrom('EUR', 'USD', 'JPY', 'GBP', 'CHF');
  const note = fc.option(fc.constantFrom('declined to comment', 'half', 'estimate'), { nil: undefined });
  const pointQualifier = fc.constantFrom<Qualifier>('exact', 'up_to', 'at_least', 'more_than', 'about');

  const withNote = (value: FigureValue, n: string | undefined): FigureValue => (n === undefined ? value : { ...value, note: n });
  const validValue: fc.Arbitrary<FigureValue> = fc.oneof(
    fc.tuple(currency, decimal, pointQualifier, note).map(([c, a, q, n]) => withNote(money(c, a, q), n)),
    fc
      .tuple(currency, decimal, decimal, fc.constantFrom('0.9188', '1.0884', '157.3'))
      .filter(([c]) => c !== 'USD')
      .map(([c, a, converted, rate]) => ({
        ...money(c, a, 'up_to'),
        conversions: [{ currency: 'USD', amount: converted, rate: { base: 'USD', quote: c, value: rate } }],
      })),
    fc.tuple(percentage, pointQualifier, note).map(([a, q, n]) => withNote(percent(a, q), n)),
    fc.tuple(percentage, percentage).map(([a, b]) => (Number(a) <= Number(b) ? range(PERCENT, a, b) : range(PERCENT, b, a))),
    fc.tuple(decimal, pointQualifier, fc.constantFrom(TONNES, TONNES_PER_YEAR)).map(([a, q, m]) => ({ measure: m, qualifier: q, amount: a })),
    fc.tuple(fc.constantFrom<Qualifier>('exact', 'about'), fc.constantFrom('long-term', 'five years')).map(([q, t]) => words(t, q)),
    fc.tuple(fc.constantFrom(EUR, PERCENT, TONNES, WORDS), fc.constantFrom<Qualifier>('undisclosed', 'withheld'), note).map(([m, q, n]) =>
      withNote({ measure: m, qualifier: q }, n),
    ),
  );

  it('passes the rules, equals itself, its copy and its JSON round trip, and reads as words', () => {
    fc.assert(
      fc.property(validValue, (value) => {
        expect(() => assertValidFigureValue(value, F)).not.toThrow();
        expect(figureValuesEqual(value, value)).toBe(true);
        expect(figureValuesEqual(value, copyAs('FigureValue', value))).toBe(true);
        expect(figureValuesEqual(value, JSON.parse(JSON.stringify(value)) as FigureValue)).toBe(true);
        expect(describeFigureValue(value).length).toBeGreaterThan(0);
      }),
    );
  });

  it('copies keep exactly the known, defined fields', () => {
    fc.assert(
      fc.property(validValue, (value) => {
        const messy = { ...value, extra: 'dropped', note: value.note } as FigureValue;
        const copy = copyAs('FigureValue', messy);
        expect(copy).toEqual(value);
        expect(Object.values(copy)).not.toContain(undefined);
        expect('extra' in copy).toBe(false);
      }),
    );
  });
});
