import type { DealCommand } from './deal-commands.js';
import type { FigureValue } from '../values/figure.js';
import { money, percent, report, tonnes, words } from './testing/builders.js';
import { DEAL_ID, REGISTERED, demandShare } from './testing/caremag.js';
import { given } from './testing/given-when-then.js';

const reportMetric = (patch: Record<string, unknown> = {}): DealCommand =>
  ({ type: 'ReportMetric', dealId: DEAL_ID, ...demandShare, ...patch }) as DealCommand;

describe('ReportMetric', () => {
  it('records a labelled figure (fact 11)', () => {
    expect(given(REGISTERED).when(reportMetric()).thenEvents()).toEqual([{ type: 'MetricReported.v1', data: demandShare }]);
  });

  it.each<[string, FigureValue]>([
    ['money', money('JPY', '1000000')],
    ['a quantity', tonnes('3')],
    ['words', words('about a decade', 'exact')],
    ['a percentage', percent('5')],
  ])('takes any measure: %s', (_name, value) => {
    const metric = report('m1', value);
    expect(given(REGISTERED).when(reportMetric({ metric, subject: undefined })).thenEvents()).toEqual([
      { type: 'MetricReported.v1', data: { label: demandShare.label, metric } },
    ]);
  });

  it('on an unregistered deal fails with DEAL.NOT_FOUND', () => {
    expect(given().when(reportMetric()).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND', kind: 'not_found' });
  });

  it('refuses a subject that is not a party of the deal', () => {
    expect(given(REGISTERED).when(reportMetric({ subject: 'meti' })).thenError()).toMatchObject({ code: 'DEAL.UNKNOWN_PARTY', field: 'subject' });
  });

  it('needs a label', () => {
    expect(given(REGISTERED).when(reportMetric({ label: '' })).thenError()).toMatchObject({ code: 'VALUE.REQUIRED', field: 'label' });
  });

  it('refuses a figure id already used', () => {
    expect(given(REGISTERED, { type: 'MetricReported.v1', data: demandShare }).when(reportMetric()).thenError()).toMatchObject({
      code: 'FIGURE.ALREADY_EXISTS',
      field: 'metric.figureId',
    });
  });
});
