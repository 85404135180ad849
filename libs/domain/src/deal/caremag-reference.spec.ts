import type { DealEvent } from './deal-events.js';
import type { DealState } from './deal-state.js';
import { decideDeal } from './decide.js';
import { foldDeal } from './evolve.js';
import { describeFigureValue } from '../values/describe-figure.js';
import { decisionContextAt } from './testing/decision-context.js';
import { DEAL_ID, FACTS_AS_REPORTED, HISTORY_AS_REPORTED, LATER } from './testing/caremag.js';
import { given } from './testing/given-when-then.js';

function figuresInWords(state: DealState): Record<string, string> {
  if (!state.registered) throw new Error('expected a registered deal');
  return Object.fromEntries([...state.figures.values()].map((figure) => [figure.figureId, `${describeFigureValue(figure.value)} [${figure.status}]`]));
}

describe('the reference deal: Caremag, as reported on 2025-03-17', () => {
  it.each(FACTS_AS_REPORTED.map((step, index) => [step.facts, index] as const))('fact %s is decided as one event', (_facts, index) => {
    const step = FACTS_AS_REPORTED[index];
    const history = FACTS_AS_REPORTED.slice(0, index).map((previous) => previous.event);
    expect(given(...history).when(step.command).thenEvents()).toEqual([step.event]);
  });

  it('stands, after facts 1–14, as reported', () => {
    expect(figuresInWords(foldDeal(HISTORY_AS_REPORTED))).toEqual({
      'investment-amount': 'up to EUR 110,000,000 (USD 120,000,000 at USD 1 = EUR 0.9188, converted by publisher) [current]',
      'investment-timeframe': 'undisclosed [current]',
      'stake-jogmec': 'undisclosed (declined to comment) [current]',
      'stake-iwatani': 'undisclosed (declined to comment) [current]',
      'offtake-share': 'about 50 % (half) [current]',
      'offtake-share.term': 'long-term [current]',
      'capacity-oxides': 'more than 1,000 t per year [current]',
      'capacity-dysprosium': '500 t [current]',
      'capacity-terbium': '90 t [current]',
      'demand-share-jp': 'about 20 % [current]',
      'support-fr': 'about EUR 100,000,000 [current]',
    });
  });

  describe('later (hypothetical) events', () => {
    const later = (history: readonly DealEvent[], ...commands: Parameters<typeof decideDeal>[0][]): DealEvent[] =>
      commands.reduce<DealEvent[]>((events, command) => [...events, ...decideDeal(command, foldDeal(events), decisionContextAt())], [...history]);

    it('the stake is disclosed, the investment revised, the dysprosium capacity corrected, the support confirmed', () => {
      const history = later(
        HISTORY_AS_REPORTED,
        { type: 'ReviseFigure', dealId: DEAL_ID, ...LATER.jogmecStakeDisclosed },
        { type: 'ReviseFigure', dealId: DEAL_ID, ...LATER.investmentRevised },
        { type: 'CorrectFigure', dealId: DEAL_ID, ...LATER.dysprosiumCorrected },
        { type: 'ReviseFigure', dealId: DEAL_ID, ...LATER.frenchSupportConfirmed },
      );
      expect(history.slice(HISTORY_AS_REPORTED.length).map((event) => event.type)).toEqual([
        'FigureRevised.v2',
        'FigureRevised.v2',
        'FigureCorrected.v2',
        'FigureRevised.v2',
      ]);
      expect(figuresInWords(foldDeal(history))).toMatchObject({
        'stake-jogmec': '30 % [revised]',
        'investment-amount': 'EUR 95,000,000 [revised]',
        'capacity-dysprosium': '50 t [corrected]',
        'support-fr': 'EUR 106,000,000 [revised]',
        'stake-iwatani': 'undisclosed (declined to comment) [current]',
      });
    });

    it('a retracted report cannot be revised', () => {
      const history = later(HISTORY_AS_REPORTED, {
        type: 'RetractReport',
        dealId: DEAL_ID,
        figureId: 'investment-amount',
        reason: 'the joint statement was withdrawn (hypothetical)',
      });
      expect(given(...history).when({ type: 'ReviseFigure', dealId: DEAL_ID, ...LATER.investmentRevised }).thenError()).toMatchObject({
        code: 'FIGURE.ALREADY_RETRACTED',
        kind: 'conflict',
        field: 'figureId',
      });
    });
  });
});
