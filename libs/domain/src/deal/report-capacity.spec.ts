import type { DealCommand } from './deal-commands.js';
import { percent, report, tonnes } from './testing/builders.js';
import { DEAL_ID, REGISTERED, dysprosiumCapacity } from './testing/caremag.js';
import { given } from './testing/given-when-then.js';

const reportCapacity = (patch: Record<string, unknown> = {}): DealCommand =>
  ({ type: 'ReportCapacity', dealId: DEAL_ID, ...dysprosiumCapacity, ...patch }) as DealCommand;

describe('ReportCapacity', () => {
  it('records a capacity (fact 9)', () => {
    expect(given(REGISTERED).when(reportCapacity()).thenEvents()).toEqual([{ type: 'CapacityReported.v1', data: dysprosiumCapacity }]);
  });

  it('on an unregistered deal fails with DEAL.NOT_FOUND', () => {
    expect(given().when(reportCapacity()).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND', kind: 'not_found' });
  });

  it('needs the capacity as a quantity', () => {
    expect(given(REGISTERED).when(reportCapacity({ capacity: report('cap', percent('50')) })).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      field: 'capacity.value.measure.kind',
    });
  });

  it('refuses a negative capacity', () => {
    expect(given(REGISTERED).when(reportCapacity({ capacity: report('cap', tonnes('-500')) })).thenError()).toMatchObject({
      code: 'FIGURE.NEGATIVE_AMOUNT',
      field: 'capacity.value.amount',
    });
  });

  it.each(['facility', 'product'])('needs a %s', (field) => {
    expect(given(REGISTERED).when(reportCapacity({ [field]: '' })).thenError()).toMatchObject({ code: 'VALUE.REQUIRED', field });
  });

  it('refuses a figure id already used', () => {
    expect(
      given(REGISTERED, { type: 'CapacityReported.v1', data: dysprosiumCapacity }).when(reportCapacity()).thenError(),
    ).toMatchObject({ code: 'FIGURE.ALREADY_EXISTS', field: 'capacity.figureId' });
  });
});
