import * as domain from './index.js';

describe('the domain barrel', () => {
  it('exposes the deciders, the fold and the codec at runtime', () => {
    for (const name of ['decideDeal', 'figuresIntroducedBy', 'evolveDeal', 'foldDeal', 'toStoredEvent', 'fromStoredEvent', 'describeFigureValue', 'figureValuesEqual', 'assertValidFigureReport', 'isIsoCurrency', 'canonicalDecimal', 'dealStreamName']) {
      expect(typeof (domain as Record<string, unknown>)[name]).toBe('function');
    }
    expect(domain.ErrorCodes.dealNotFound).toBe('DEAL.NOT_FOUND');
  });

  it('gives every error code once', () => {
    const codes = Object.values(domain.ErrorCodes);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
