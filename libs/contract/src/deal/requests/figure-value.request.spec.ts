import fc from 'fast-check';
import { DomainError, MEASURE_KINDS, canonicalFigureValue, assertValidFigureValue, type FigureValue } from '#domain';
import { valueOf } from '../../../../domain/src/deal/testing/arbitrary-commands.js';
import { RequestValidationError } from '../../errors/error-body.js';
import { validateRequest } from '../../validation.js';
import { FigureReportRequest, FigureValueRequest } from './common.request.js';
import { toDomain } from './to-domain.js';

/** A request body as a client sends it: validated by the request class, then mapped to the domain. */
const viaRequest = (body: unknown): FigureValue => toDomain(validateRequest(FigureValueRequest, body), 'value', 'cmd-1') as FigureValue;

function refusal(body: unknown): { code: string; field?: string } {
  try {
    viaRequest(body);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.field };
    if (error instanceof RequestValidationError) return { code: 'REQUEST.VALIDATION_FAILED', field: JSON.stringify(error) };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a figure value request', () => {
  describe.each(MEASURE_KINDS.map((kind) => [kind]))('of every %s value', (kind) => {
    it('round-trips: request → domain gives the value back, and its canonical copy is idempotent', () => {
      fc.assert(
        fc.property(valueOf[kind], (value) => {
          const domain = viaRequest(JSON.parse(JSON.stringify(value)));
          expect(domain).toEqual(value);
          assertValidFigureValue(domain, 'value');
          const canonical = canonicalFigureValue(domain);
          expect(canonicalFigureValue(viaRequest(JSON.parse(JSON.stringify(canonical))))).toEqual(canonical);
        }),
        { numRuns: 80 },
      );
    });
  });

  describe('given a duration spelled in ISO 8601', () => {
    const YEARS = { kind: 'duration' };

    it.each<[string, object, object]>([
      ['P7Y', { measure: YEARS, qualifier: 'exact', amount: 'P7Y' }, { measure: { kind: 'duration', unit: 'year' }, qualifier: 'exact', amount: '7' }],
      ['P18M', { measure: YEARS, qualifier: 'up_to', amount: 'P18M' }, { measure: { kind: 'duration', unit: 'month' }, qualifier: 'up_to', amount: '18' }],
      ['P1Y6M', { measure: YEARS, qualifier: 'exact', amount: 'P1Y6M' }, { measure: { kind: 'duration', unit: 'month' }, qualifier: 'exact', amount: '18' }],
      ['P7Y with its unit', { measure: { kind: 'duration', unit: 'year' }, qualifier: 'exact', amount: 'P7Y' }, { measure: { kind: 'duration', unit: 'year' }, qualifier: 'exact', amount: '7' }],
      ['a range P5Y–P10Y', { measure: YEARS, qualifier: 'range', min: 'P5Y', max: 'P10Y' }, { measure: { kind: 'duration', unit: 'year' }, qualifier: 'range', min: '5', max: '10' }],
      ['a range 5–P10Y', { measure: YEARS, qualifier: 'range', min: '5', max: 'P10Y' }, { measure: { kind: 'duration', unit: 'year' }, qualifier: 'range', min: '5', max: '10' }],
    ])('when it is %s, then the domain holds a decimal and a unit', (_name, body, expected) => {
      expect(viaRequest(body)).toEqual(expected);
    });

    it.each<[string, object, string, string]>([
      ['P1Y2D (years and days do not add up exactly)', { measure: YEARS, qualifier: 'exact', amount: 'P1Y2D' }, 'FIGURE.INVALID_DURATION', 'value.amount'],
      ['PT5H (a term is never hours)', { measure: YEARS, qualifier: 'exact', amount: 'PT5H' }, 'FIGURE.INVALID_DURATION', 'value.amount'],
      ['P18M with unit year', { measure: { kind: 'duration', unit: 'year' }, qualifier: 'exact', amount: 'P18M' }, 'FIGURE.INVALID_DURATION', 'value.amount'],
      ['a range P1Y–P18M', { measure: YEARS, qualifier: 'range', min: 'P1Y', max: 'P18M' }, 'FIGURE.INVALID_DURATION', 'value.max'],
    ])('when it is %s, then it is refused by name', (_name, body, code, field) => {
      const error = refusal(body);
      expect(error).toMatchObject({ code, field });
      expect(() => assertValidFigureValue(body, 'value')).toThrow(DomainError);
    });

    it('when it has no unit and no ISO amount, then the domain names the missing unit', () => {
      const value = viaRequest({ measure: YEARS, qualifier: 'exact', amount: '7' });
      expect(() => assertValidFigureValue(value, 'value')).toThrow(expect.objectContaining({ code: 'FIGURE.INVALID_MEASURE', field: 'value.measure.unit' }));
    });
  });

  describe('given a flat measure', () => {
    it.each<[string, object, string]>([
      ['a precision on money', { kind: 'money', currency: 'EUR', precision: 'year' }, 'value.measure.precision'],
      ['an "of" on a quantity', { kind: 'quantity', unit: 't', of: 'ore' }, 'value.measure.of'],
      ['a per on a unit price', { kind: 'unit_price', currency: 'EUR', unit: 'kg', per: 'year' }, 'value.measure.per'],
      ['a currency on a count', { kind: 'count', currency: 'EUR' }, 'value.measure.currency'],
      ['a unit on a date', { kind: 'date', precision: 'year', unit: 'year' }, 'value.measure.unit'],
    ])('when it carries %s, then the field of another kind is refused by name', (_name, measure, field) => {
      expect(refusal({ measure, qualifier: 'exact', amount: '1' })).toEqual({ code: 'REQUEST.VALIDATION_FAILED', field });
    });

    it('when a precision or bound qualifier is not one of the list, then the request is refused', () => {
      expect(refusal({ measure: { kind: 'date', precision: 'decade' }, qualifier: 'exact', amount: '2020' }).code).toBe('REQUEST.VALIDATION_FAILED');
      expect(refusal({ measure: { kind: 'money', currency: 'EUR' }, qualifier: 'range', min: '1', max: '2', minQualifier: 'up_to' }).code).toBe('REQUEST.VALIDATION_FAILED');
      expect(refusal({ measure: { kind: 'money', currency: 'EUR' }, qualifier: 'about', amount: '1', estimate: { basis: 'x' } }).code).toBe('REQUEST.VALIDATION_FAILED');
    });
  });

  it('carries a report\'s stage to the domain', () => {
    const body = {
      figureId: 'loan-principal',
      value: { measure: { kind: 'money', currency: 'EUR' }, qualifier: 'exact', amount: '100' },
      source: { publisher: 'Reuters', tier: 'primary' },
      reportedAt: '2026-01-01',
      stage: 'committed',
    };
    expect(toDomain(validateRequest(FigureReportRequest, body), 'loan', 'cmd-1')).toMatchObject({ stage: 'committed' });
    expect(() => validateRequest(FigureReportRequest, { ...body, stage: 'rumoured' })).toThrow(RequestValidationError);
  });
});
