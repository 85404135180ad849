import type { DealCommand } from './deal-commands.js';
import { money, percent, report } from './testing/builders.js';
import { DEAL_ID, REGISTERED, offtake, offtakeSigned, stakeJogmec } from './testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const signOfftake = commandOn('SignOfftake', offtake);

describe('SignOfftake', () => {
  it('given a registered deal, records the offtake with its term as a text figure (fact 6)', () => {
    expect(given(REGISTERED).when(signOfftake()).thenEvents()).toEqual([{ type: 'OfftakeSigned.v3', data: offtakeSigned }]);
  });

  it('leaves out an absent term', () => {
    const [event] = given(REGISTERED).when(signOfftake({ term: undefined })).thenEvents();
    expect(event.data).not.toHaveProperty('term');
  });

  it('refuses a term whose derived figure id is already used on the deal', () => {
    const stakeNamedLikeTheTerm = { type: 'StakeDisclosed.v2', data: { ...stakeJogmec, stake: { ...stakeJogmec.stake, figureId: 'offtake-share.term' } } } as const;
    expect(given(REGISTERED, stakeNamedLikeTheTerm).when(signOfftake()).thenError()).toMatchObject({
      code: 'FIGURE.ALREADY_EXISTS',
      field: 'term',
    });
  });

  it('the term can then be revised like any figure, by its derived id', () => {
    const history = [REGISTERED, ...given(REGISTERED).when(signOfftake()).thenEvents()];
    const revision = { type: 'ReviseFigure', dealId: DEAL_ID, figureId: 'offtake-share.term', value: { measure: { kind: 'text' }, qualifier: 'exact', text: 'ten years' }, source: offtake.share.source, reportedAt: '2025-09-15' } as DealCommand;
    expect(given(...history).when(revision).thenEvents()).toMatchObject([{ type: 'FigureRevised.v2', data: { figureId: 'offtake-share.term' } }]);
  });

  itNeedsTheDealRegistered(signOfftake);

  itRefuses([REGISTERED], signOfftake, [
    ['refuses a buyer not on the deal', { buyers: ['sojitz'] }, { code: 'DEAL.UNKNOWN_PARTY', field: 'buyers[0]' }],
    ['refuses a seller not on the deal', { seller: 'lynas' }, { code: 'DEAL.UNKNOWN_PARTY', field: 'seller' }],
    ['needs the share as a percentage', { share: report('offtake-share', money('EUR', '50')) }, { code: 'FIGURE.MEASURE_MISMATCH', field: 'share.value.measure.kind' }],
    ['refuses a share above 100 %', { share: report('offtake-share', percent('150')) }, { code: 'FIGURE.PERCENTAGE_OUT_OF_RANGE', field: 'share.value.amount' }],
    ['refuses a blank term', { term: '' }, { code: 'VALUE.REQUIRED', field: 'term' }],
    ['refuses a blank product', { products: [' '] }, { code: 'VALUE.REQUIRED', field: 'products[0]' }],
  ]);

  it('refuses a figure id already used on the deal, whatever fact it belongs to', () => {
    const stakeReported = { type: 'StakeDisclosed.v2', data: stakeJogmec } as const;
    const share = { ...offtake.share, figureId: stakeJogmec.stake.figureId };
    expect(given(REGISTERED, stakeReported).when(signOfftake({ share })).thenError()).toMatchObject({
      code: 'FIGURE.ALREADY_EXISTS',
      kind: 'conflict',
      field: 'share.figureId',
    });
  });
});
