import type { DealCommand } from './deal-commands.js';
import { money, percent, report } from './testing/builders.js';
import { DEAL_ID, REGISTERED, offtake, offtakeSigned, stakeJogmec } from './testing/caremag.js';
import { given } from './testing/given-when-then.js';

const signOfftake = (patch: Record<string, unknown> = {}): DealCommand =>
  ({ type: 'SignOfftake', dealId: DEAL_ID, ...offtake, ...patch }) as DealCommand;

describe('SignOfftake', () => {
  it('given a registered deal, records the offtake with its term as a text figure (fact 6)', () => {
    expect(given(REGISTERED).when(signOfftake()).thenEvents()).toEqual([{ type: 'OfftakeSigned.v2', data: offtakeSigned }]);
  });

  it('leaves out an absent term', () => {
    const [event] = given(REGISTERED).when(signOfftake({ term: undefined })).thenEvents();
    expect(event.data).not.toHaveProperty('term');
  });

  it('refuses a term whose derived figure id is already used on the deal', () => {
    const stakeNamedLikeTheTerm = { type: 'StakeDisclosed.v1', data: { ...stakeJogmec, stake: { ...stakeJogmec.stake, figureId: 'offtake-share.term' } } } as const;
    expect(given(REGISTERED, stakeNamedLikeTheTerm).when(signOfftake()).thenError()).toMatchObject({
      code: 'FIGURE.ALREADY_EXISTS',
      field: 'term',
    });
  });

  it('the term can then be revised like any figure, by its derived id', () => {
    const history = [REGISTERED, ...given(REGISTERED).when(signOfftake()).thenEvents()];
    const revision = { type: 'ReviseFigure', dealId: DEAL_ID, figureId: 'offtake-share.term', value: { measure: { kind: 'text' }, qualifier: 'exact', text: 'ten years' }, source: offtake.share.source, reportedAt: '2025-09-15' } as DealCommand;
    expect(given(...history).when(revision).thenEvents()).toMatchObject([{ type: 'FigureRevised.v1', data: { figureId: 'offtake-share.term' } }]);
  });

  it('on an unregistered deal fails with DEAL.NOT_FOUND', () => {
    expect(given().when(signOfftake()).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND', kind: 'not_found' });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ buyers: ['sojitz'] }, 'buyers[0]'],
    [{ seller: 'lynas' }, 'seller'],
  ])('refuses parties not on the deal: %j', (patch, field) => {
    expect(given(REGISTERED).when(signOfftake(patch)).thenError()).toMatchObject({ code: 'DEAL.UNKNOWN_PARTY', field });
  });

  it('needs the share as a percentage', () => {
    expect(given(REGISTERED).when(signOfftake({ share: report('offtake-share', money('EUR', '50')) })).thenError()).toMatchObject({
      code: 'FIGURE.MEASURE_MISMATCH',
      field: 'share.value.measure.kind',
    });
  });

  it('refuses a share above 100 %', () => {
    expect(given(REGISTERED).when(signOfftake({ share: report('offtake-share', percent('150')) })).thenError()).toMatchObject({
      code: 'FIGURE.PERCENTAGE_OUT_OF_RANGE',
      field: 'share.value.amount',
    });
  });

  it('refuses a blank term and a blank product', () => {
    expect(given(REGISTERED).when(signOfftake({ term: '' })).thenError()).toMatchObject({ code: 'VALUE.REQUIRED', field: 'term' });
    expect(given(REGISTERED).when(signOfftake({ products: [' '] })).thenError()).toMatchObject({ code: 'VALUE.REQUIRED', field: 'products[0]' });
  });

  it('refuses a figure id already used on the deal, whatever fact it belongs to', () => {
    const stakeReported = { type: 'StakeDisclosed.v1', data: stakeJogmec } as const;
    const share = { ...offtake.share, figureId: stakeJogmec.stake.figureId };
    expect(given(REGISTERED, stakeReported).when(signOfftake({ share })).thenError()).toMatchObject({
      code: 'FIGURE.ALREADY_EXISTS',
      kind: 'conflict',
      field: 'share.figureId',
    });
  });
});
