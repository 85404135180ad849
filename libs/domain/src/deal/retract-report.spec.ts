import type { DealEvent, ReportRetractedV1 } from './deal-events.js';
import { foldDeal } from './evolve.js';
import { REGISTERED, ON, frenchSupport, reuters } from './testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const SUPPORT: DealEvent = { type: 'GovernmentSupportAnnounced.v2', data: frenchSupport };
const retraction: ReportRetractedV1 = { figureId: 'support-fr', reason: 'Nikkei withdrew the figure (hypothetical)', source: reuters(), reportedAt: ON };

const retract = commandOn('RetractReport', retraction);

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

  itRefuses([REGISTERED, SUPPORT], retract, [
    ['needs a reason', { reason: '' }, { code: 'VALUE.REQUIRED', kind: 'invalid', field: 'reason' }],
    ['validates an optional source', { source: { publisher: 'Reuters' } }, { code: 'VALUE.NOT_ALLOWED', field: 'source.tier' }],
    ['validates an optional date', { reportedAt: '2025-02-29' }, { code: 'TIME.INVALID_TIMESTAMP', field: 'reportedAt' }],
    ['fails with FIGURE.NOT_FOUND for an unknown figure', { figureId: 'support-jp' }, { code: 'FIGURE.NOT_FOUND', kind: 'not_found', field: 'figureId' }],
  ]);

  const retracted: DealEvent = { type: 'ReportRetracted.v1', data: retraction };
  itRefuses([REGISTERED, SUPPORT, retracted], retract, [
    ['fails with FIGURE.ALREADY_RETRACTED the second time', {}, { code: 'FIGURE.ALREADY_RETRACTED', kind: 'conflict', field: 'figureId' }],
  ]);

  itNeedsTheDealRegistered(retract);
});
