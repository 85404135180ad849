import type { DealCommand } from './deal-commands.js';
import type { DealEvent, ReportRetractedV1 } from './deal-events.js';
import { foldDeal } from './evolve.js';
import { DEAL_ID, REGISTERED, ON, frenchSupport, reuters } from './testing/caremag.js';
import { given } from './testing/given-when-then.js';

const SUPPORT: DealEvent = { type: 'GovernmentSupportAnnounced.v1', data: frenchSupport };
const retraction: ReportRetractedV1 = { figureId: 'support-fr', reason: 'Nikkei withdrew the figure (hypothetical)', source: reuters(), reportedAt: ON };

const retract = (patch: Partial<Record<keyof ReportRetractedV1, unknown>> = {}): DealCommand =>
  ({ type: 'RetractReport', dealId: DEAL_ID, ...retraction, ...patch }) as DealCommand;

describe('RetractReport', () => {
  it('withdraws the figure; its value and history stay', () => {
    const events = given(REGISTERED, SUPPORT).when(retract()).thenEvents();
    expect(events).toEqual([{ type: 'ReportRetracted.v1', data: retraction }]);

    const state = foldDeal([REGISTERED, SUPPORT, ...events]);
    expect(state.registered && state.figures.get('support-fr')).toMatchObject({
      status: 'retracted',
      value: frenchSupport.amount.value,
    });
  });

  it('needs no source or date, and leaves them out when absent', () => {
    const [event] = given(REGISTERED, SUPPORT).when(retract({ source: undefined, reportedAt: undefined })).thenEvents();
    expect(event.data).toEqual({ figureId: 'support-fr', reason: retraction.reason });
  });

  it('needs a reason', () => {
    expect(given(REGISTERED, SUPPORT).when(retract({ reason: '' })).thenError()).toMatchObject({
      code: 'VALUE.REQUIRED',
      kind: 'invalid',
      field: 'reason',
    });
  });

  it('validates an optional source and date', () => {
    expect(given(REGISTERED, SUPPORT).when(retract({ source: { publisher: 'Reuters' } })).thenError()).toMatchObject({
      code: 'VALUE.NOT_ALLOWED',
      field: 'source.tier',
    });
    expect(given(REGISTERED, SUPPORT).when(retract({ reportedAt: '2025-02-29' })).thenError()).toMatchObject({
      code: 'TIME.INVALID_TIMESTAMP',
      field: 'reportedAt',
    });
  });

  it('fails with FIGURE.NOT_FOUND for an unknown figure', () => {
    expect(given(REGISTERED, SUPPORT).when(retract({ figureId: 'support-jp' })).thenError()).toMatchObject({
      code: 'FIGURE.NOT_FOUND',
      kind: 'not_found',
      field: 'figureId',
    });
  });

  it('fails with FIGURE.ALREADY_RETRACTED the second time', () => {
    const retracted: DealEvent = { type: 'ReportRetracted.v1', data: retraction };
    expect(given(REGISTERED, SUPPORT, retracted).when(retract()).thenError()).toMatchObject({
      code: 'FIGURE.ALREADY_RETRACTED',
      kind: 'conflict',
      field: 'figureId',
    });
  });

  it('on an unregistered deal fails with DEAL.NOT_FOUND', () => {
    expect(given().when(retract()).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND', kind: 'not_found' });
  });
});
