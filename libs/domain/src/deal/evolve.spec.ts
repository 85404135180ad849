import type { DealEvent } from './deal-events.js';
import { initialDealState, type DealState, type RegisteredDealState } from './deal-state.js';
import { evolveDeal, foldDeal } from './evolve.js';
import { HISTORY_AS_REPORTED, LATER, REGISTERED, investment, parties, registered as registeredData } from './testing/caremag.js';

function registered(state: DealState): RegisteredDealState {
  if (!state.registered) throw new Error('expected a registered deal');
  return state;
}

describe('evolving a deal', () => {
  it('starts unregistered, and an empty history leaves it so', () => {
    expect(foldDeal([])).toEqual(initialDealState);
    expect(initialDealState).toEqual({ registered: false });
  });

  it('registers the deal with its parties keyed by id', () => {
    const state = registered(evolveDeal(initialDealState, REGISTERED));
    expect(state.dealId).toBe('caremag-2025');
    expect([...state.parties.keys()]).toEqual(parties.map((party) => party.partyId));
    expect(state.figures.size).toBe(0);
    expect(state.noteIds.size).toBe(0);
  });

  it('keys each figure by id with the fact its event reports', () => {
    const state = registered(foldDeal(HISTORY_AS_REPORTED));
    const facts = Object.fromEntries([...state.figures.values()].map((figure) => [figure.figureId, figure.fact]));
    expect(facts).toEqual({
      'investment-amount': 'investment.amount',
      'investment-timeframe': 'investment.timeframe',
      'stake-jogmec': 'stake',
      'stake-iwatani': 'stake',
      'offtake-share': 'offtake.share',
      'offtake-share.term': 'offtake.term',
      'capacity-oxides': 'capacity',
      'capacity-dysprosium': 'capacity',
      'capacity-terbium': 'capacity',
      'demand-share-jp': 'metric',
      'support-fr': 'government_support.amount',
    });
    expect([...state.figures.values()].every((figure) => figure.status === 'current')).toBe(true);
    expect(state.figures.get('investment-amount')).toEqual({
      figureId: 'investment-amount',
      fact: 'investment.amount',
      measureKind: 'money',
      value: investment.amount.value,
      source: investment.amount.source,
      reportedAt: '2025-03-17',
      status: 'current',
      context: { investors: investment.investors, target: investment.target, vehicle: investment.vehicle, instruments: investment.instruments },
    });
    expect([...state.noteIds]).toEqual(['japan-government-plan', 'first-standalone-refinery']);
  });

  it('a revision replaces value, source and times, and marks the figure revised', () => {
    const revised = registered(foldDeal([...HISTORY_AS_REPORTED, { type: 'FigureRevised.v2', data: LATER.investmentRevised }]));
    expect(revised.figures.get('investment-amount')).toMatchObject({
      value: LATER.investmentRevised.value,
      source: LATER.investmentRevised.source,
      reportedAt: '2025-09-15',
      effectiveAt: '2025-09-15',
      status: 'revised',
    });
  });

  it('a later restatement without effectiveAt drops the previous one', () => {
    const { effectiveAt: _dropped, ...withoutEffectiveAt } = LATER.investmentRevised;
    const figure = registered(
      foldDeal([
        ...HISTORY_AS_REPORTED,
        { type: 'FigureRevised.v2', data: LATER.investmentRevised },
        { type: 'FigureCorrected.v2', data: { ...withoutEffectiveAt, reason: 'no effective date was given' } },
      ]),
    ).figures.get('investment-amount');
    expect(figure?.status).toBe('corrected');
    expect(figure).not.toHaveProperty('effectiveAt');
  });

  it('a correction marks the figure corrected; a retraction keeps the value and marks it retracted', () => {
    const corrected = registered(foldDeal([...HISTORY_AS_REPORTED, { type: 'FigureCorrected.v2', data: LATER.dysprosiumCorrected }]));
    expect(corrected.figures.get('capacity-dysprosium')).toMatchObject({ status: 'corrected', value: { amount: '50' } });

    const retracted = registered(
      evolveDeal(corrected, { type: 'ReportRetracted.v1', data: { figureId: 'capacity-dysprosium', reason: 'withdrawn' } }),
    );
    expect(retracted.figures.get('capacity-dysprosium')).toMatchObject({ status: 'retracted', value: { amount: '50' } });
  });

  it('never changes the state it is given', () => {
    const before = registered(foldDeal(HISTORY_AS_REPORTED));
    const snapshot = structuredClone(before);
    evolveDeal(before, { type: 'FigureRevised.v2', data: LATER.investmentRevised });
    evolveDeal(before, { type: 'NoteRecorded.v1', data: { noteId: 'n-9', text: 'x', source: registeredData.source, reportedAt: '2025-03-18' } });
    expect(before).toEqual(snapshot);
  });

  it('never throws on history it cannot apply: events before registration, figures it does not know', () => {
    const stray: DealEvent = { type: 'FigureRevised.v2', data: { ...LATER.investmentRevised, figureId: 'nope' } };
    expect(evolveDeal(initialDealState, stray)).toBe(initialDealState);
    const state = foldDeal([REGISTERED]);
    expect(evolveDeal(state, stray)).toBe(state);
    expect(evolveDeal(state, { type: 'Unknown.v9' } as unknown as DealEvent)).toBe(state);
  });
});
