import type { FigureValue } from '../../values/figure.js';
import { figuresIntroducedBy } from '../figures-of-event.js';
import { foldDeal } from '../evolve.js';
import { money, percent, report, words } from '../testing/builders.js';
import { REGISTERED } from '../testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses, type Refusal } from '../testing/command-spec.js';
import { given } from '../testing/given-when-then.js';
import { FACT_KINDS } from './fact-kinds.js';
import { INSTRUMENT_COMMANDS, type InstrumentCommandType, type InstrumentPayloads } from './instrument-events.js';

const years = (amount: string): FigureValue => ({ measure: { kind: 'duration', unit: 'year' }, qualifier: 'exact', amount });
const perKg = (currency: string, amount: string): FigureValue => ({ measure: { kind: 'unit_price', currency, unit: 'kg' }, qualifier: 'exact', amount });
const count = (amount: string, of: string): FigureValue => ({ measure: { kind: 'count', of }, qualifier: 'exact', amount });
const quarter = (amount: string): FigureValue => ({ measure: { kind: 'date', precision: 'quarter' }, qualifier: 'exact', amount });

/** One valid command of every instrument on the reference deal, each naming its parties. */
const EXAMPLES: { [C in InstrumentCommandType]: InstrumentPayloads[(typeof INSTRUMENT_COMMANDS)[C]] } = {
  SubscribeEquity: {
    investors: ['jogmec'],
    issuer: 'caremag',
    class: 'convertible_preferred',
    amount: report('equity-amount', money('EUR', '40000000')),
    shares: report('equity-shares', count('4000000', 'shares')),
    pricePerShare: report('equity-price', { measure: { kind: 'unit_price', currency: 'EUR', unit: 'share' }, qualifier: 'exact', amount: '10' }),
  },
  AgreeDebt: {
    form: 'loan',
    lenders: ['gov-fr'],
    borrower: 'caremag',
    principal: report('loan-principal', money('EUR', '50000000')),
    tenor: report('loan-tenor', years('10')),
    rate: report('loan-rate', words('EURIBOR + 2 %')),
  },
  IssueWarrants: {
    holder: 'jogmec',
    issuer: 'caremag',
    count: report('warrants-count', count('1000000', 'warrants')),
    strike: report('warrants-strike', { measure: { kind: 'unit_price', currency: 'EUR', unit: 'share' }, qualifier: 'exact', amount: '12.5' }),
    expiry: report('warrants-expiry', quarter('2030-Q4')),
  },
  AwardGrant: { grantor: 'gov-fr', recipient: 'caremag', amount: report('grant-fr', money('EUR', '1000000')), purpose: 'feasibility study' },
  GiveGuarantee: { guarantor: 'gov-jp', beneficiary: 'jogmec', obligor: 'caremag', cover: report('guarantee-cover', percent('80')) },
  AgreePrice: {
    kind: 'floor',
    provider: 'jogmec',
    beneficiary: 'caremag',
    product: 'terbium oxide',
    price: report('floor-terbium', perKg('EUR', '60')),
    term: report('floor-terbium-term', years('7')),
  },
  CommitPurchase: {
    buyers: ['iwatani'],
    seller: 'caremag',
    products: ['dysprosium oxide'],
    amount: report('purchase-iwatani', money('USD', '500000000')),
    term: report('purchase-iwatani-term', years('10')),
  },
};

describe.each(Object.keys(INSTRUMENT_COMMANDS) as InstrumentCommandType[])('%s', (commandType) => {
  const eventType = INSTRUMENT_COMMANDS[commandType];
  const kind = FACT_KINDS[eventType];
  const example = EXAMPLES[commandType] as unknown as Record<string, unknown>;
  const command = commandOn(commandType, example);
  const members = Object.entries(kind.members);
  const figureMembers = members.filter(([, spec]) => 'figure' in spec).map(([member]) => member);

  it(`records ${eventType} with its members in the declared order`, () => {
    const [event] = given(REGISTERED).when(command()).thenEvents();
    expect(event!.type).toBe(eventType);
    expect(event!.data).toEqual(example);
    expect(Object.keys(event!.data)).toEqual(members.map(([member]) => member).filter((member) => member in example));
  });

  it('introduces each figure under `<fact>.<member>`, revisable by its id, with the other members as context', () => {
    const events = given(REGISTERED).when(command()).thenEvents();
    const introduced = figuresIntroducedBy(events[0]!);
    const present = figureMembers.filter((member) => example[member] !== undefined);
    expect(introduced.map((figure) => figure.fact)).toEqual(present.map((member) => `${kind.fact}.${member}`));
    for (const figure of introduced) for (const member of figureMembers) expect(figure.context).not.toHaveProperty(member);

    const first = introduced[0]!.report;
    const state = foldDeal([REGISTERED, ...events]);
    const revised = { type: 'ReviseFigure', dealId: 'caremag-2025', figureId: first.figureId, value: first.value, source: { publisher: 'Later', tier: 'primary' }, reportedAt: '2025-06-01' } as const;
    expect(given(REGISTERED, ...events).when(revised).thenEvents()[0]).toMatchObject({ type: 'FigureRevised.v2', data: { figureId: first.figureId } });
    expect(state.registered && state.figures.get(first.figureId)).toMatchObject({ fact: `${kind.fact}.${figureMembers[0]}`, status: 'current' });
  });

  itNeedsTheDealRegistered(command);

  const [firstFigure] = figureMembers;
  const requiredMember = members.find(([, spec]) => spec.required)![0];
  const partyMember = members.find(([, spec]) => 'party' in spec)![0];
  const otherFigure = figureMembers.find((member) => member !== firstFigure && example[member] !== undefined);
  itRefuses([REGISTERED], command, [
    [`needs ${requiredMember}`, { [requiredMember]: undefined }, { code: 'VALUE.REQUIRED', field: requiredMember }],
    [`refuses ${partyMember} naming a party not on the deal`, { [partyMember]: Array.isArray(example[partyMember]) ? ['lynas'] : 'lynas' }, { code: 'DEAL.UNKNOWN_PARTY' }],
    [
      `refuses ${firstFigure} measured another way`,
      { [firstFigure!]: report('other-measure', { measure: { kind: 'quantity', unit: 't' }, qualifier: 'exact', amount: '1' }) },
      { code: 'FIGURE.MEASURE_MISMATCH', field: `${firstFigure}.value.measure.kind` },
    ],
    ...(otherFigure === undefined
      ? []
      : [
          [
            'refuses two figures of one command under one id',
            { [otherFigure]: { ...(example[otherFigure] as object), figureId: (example[firstFigure!] as { figureId: string }).figureId } },
            { code: 'FIGURE.ALREADY_EXISTS', field: `${otherFigure}.figureId` },
          ] satisfies Refusal,
        ]),
  ]);

  it('refuses a figure id already used on the deal', () => {
    const events = given(REGISTERED).when(command()).thenEvents();
    expect(given(REGISTERED, ...events).when(command()).thenError()).toMatchObject({ code: 'FIGURE.ALREADY_EXISTS', kind: 'conflict' });
  });
});

describe('instruments that point at a figure already on the deal', () => {
  const stake = {
    type: 'StakeDisclosed.v2',
    data: { holder: 'jogmec', target: 'caremag', stake: report('stake-jogmec-converted', percent('15', 'about')), basis: 'as_converted', conditional: true },
  } as const;
  const warrants = commandOn('IssueWarrants', EXAMPLES.IssueWarrants);

  it('links warrants to the conditional stake they would give', () => {
    expect(given(REGISTERED, stake).when(warrants({ stakeFigureId: 'stake-jogmec-converted' })).thenEvents()[0]).toMatchObject({
      data: { stakeFigureId: 'stake-jogmec-converted' },
    });
  });

  it('refuses warrants pointing at a stake that was retracted', () => {
    const retracted = { type: 'ReportRetracted.v1', data: { figureId: 'stake-jogmec-converted', reason: 'withdrawn' } } as const;
    expect(given(REGISTERED, stake, retracted).when(warrants({ stakeFigureId: 'stake-jogmec-converted' })).thenError()).toMatchObject({
      code: 'DEAL.UNKNOWN_FIGURE',
      field: 'stakeFigureId',
    });
  });

  it('refuses warrants pointing at a stake held now: warrants give a stake only once exercised', () => {
    const heldNow = { ...stake, data: { ...stake.data, stake: report('stake-jogmec-now', percent('15', 'about')), basis: 'outstanding', conditional: false } } as const;
    expect(given(REGISTERED, stake, heldNow).when(warrants({ stakeFigureId: 'stake-jogmec-now' })).thenError()).toMatchObject({
      code: 'DEAL.UNKNOWN_FIGURE',
      kind: 'invalid',
      field: 'stakeFigureId',
      message: expect.stringContaining('conditional is true'),
    });
  });

  it('judges the stake by its disclosure, not by a later revision of its value', () => {
    const revised = {
      type: 'FigureRevised.v2',
      data: { figureId: 'stake-jogmec-converted', value: percent('12'), source: { publisher: 'Later', tier: 'primary' }, reportedAt: '2025-06-01' },
    } as const;
    expect(given(REGISTERED, stake, revised).when(warrants({ stakeFigureId: 'stake-jogmec-converted' })).thenEvents()).toHaveLength(1);
  });

  it.each([
    ['a figure not on the deal', 'nothing-here'],
    ['a figure of another fact', 'warrants-count'],
  ])('refuses warrants pointing at %s', (_case, figureId) => {
    const earlier = given(REGISTERED).when(warrants({ count: report('other-count', count('1', 'warrants')), strike: undefined, expiry: undefined })).thenEvents();
    expect(given(REGISTERED, ...earlier).when(warrants({ stakeFigureId: figureId.replace('warrants-count', 'other-count') })).thenError()).toMatchObject({
      code: 'DEAL.UNKNOWN_FIGURE',
      field: 'stakeFigureId',
    });
  });
});
