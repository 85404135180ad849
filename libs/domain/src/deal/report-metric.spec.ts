import type { FigureValue } from '../values/figure.js';
import { money, percent, report, tonnes, words } from './testing/builders.js';
import { REGISTERED, demandShare } from './testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const reportMetric = commandOn('ReportMetric', demandShare);

describe('ReportMetric', () => {
  it('records a labelled figure (fact 11)', () => {
    expect(given(REGISTERED).when(reportMetric()).thenEvents()).toEqual([{ type: 'MetricReported.v2', data: demandShare }]);
  });

  it.each<[string, FigureValue]>([
    ['money', money('JPY', '1000000')],
    ['a quantity', tonnes('3')],
    ['words', words('about a decade', 'exact')],
    ['a percentage', percent('5')],
  ])('takes any measure: %s', (_name, value) => {
    const metric = report('m1', value);
    expect(given(REGISTERED).when(reportMetric({ metric, subject: undefined })).thenEvents()).toEqual([
      { type: 'MetricReported.v2', data: { label: demandShare.label, metric } },
    ]);
  });

  itNeedsTheDealRegistered(reportMetric);

  itRefuses([REGISTERED], reportMetric, [
    ['refuses a subject that is not a party of the deal', { subject: 'meti' }, { code: 'DEAL.UNKNOWN_PARTY', field: 'subject' }],
    ['needs a label', { label: '' }, { code: 'VALUE.REQUIRED', field: 'label' }],
  ]);

  it('refuses a figure id already used', () => {
    expect(given(REGISTERED, { type: 'MetricReported.v2', data: demandShare }).when(reportMetric()).thenError()).toMatchObject({
      code: 'FIGURE.ALREADY_EXISTS',
      field: 'metric.figureId',
    });
  });
});
