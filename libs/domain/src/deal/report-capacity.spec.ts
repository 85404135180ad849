import { percent, report, tonnes } from './testing/builders.js';
import { REGISTERED, dysprosiumCapacity } from './testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const reportCapacity = commandOn('ReportCapacity', dysprosiumCapacity);

describe('ReportCapacity', () => {
  it('records a capacity (fact 9)', () => {
    expect(given(REGISTERED).when(reportCapacity()).thenEvents()).toEqual([{ type: 'CapacityReported.v2', data: dysprosiumCapacity }]);
  });

  itNeedsTheDealRegistered(reportCapacity);

  itRefuses([REGISTERED], reportCapacity, [
    ['needs the capacity as a quantity', { capacity: report('cap', percent('50')) }, { code: 'FIGURE.MEASURE_MISMATCH', field: 'capacity.value.measure.kind' }],
    ['refuses a negative capacity', { capacity: report('cap', tonnes('-500')) }, { code: 'FIGURE.NEGATIVE_AMOUNT', field: 'capacity.value.amount' }],
    ['needs a facility', { facility: '' }, { code: 'VALUE.REQUIRED', field: 'facility' }],
    ['needs a product', { product: '' }, { code: 'VALUE.REQUIRED', field: 'product' }],
  ]);

  it('refuses a figure id already used', () => {
    expect(
      given(REGISTERED, { type: 'CapacityReported.v2', data: dysprosiumCapacity }).when(reportCapacity()).thenError(),
    ).toMatchObject({ code: 'FIGURE.ALREADY_EXISTS', field: 'capacity.figureId' });
  });
});
