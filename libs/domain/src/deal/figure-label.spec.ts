import { figuresIntroducedBy } from './figures-of-event.js';
import { figureLabel } from './figure-label.js';
import { DEAL_ID, HISTORY_AS_REPORTED, parties } from './testing/caremag.js';
import { given } from './testing/given-when-then.js';
import { money, report } from './testing/builders.js';

const nameOf = (id: string) => parties.find((party) => party.partyId === id)?.name ?? id;
const labelsOf = (events: readonly Parameters<typeof figuresIntroducedBy>[0][]) =>
  events.flatMap(figuresIntroducedBy).map(({ fact, context }) => figureLabel(fact, context, nameOf));

describe('a figure label', () => {
  it('names every figure of the reference deal by what it is about, each once', () => {
    const labels = labelsOf(HISTORY_AS_REPORTED);
    expect(labels).toContain('Investment in Caremag by Japan Organization for Metals and Energy Security (JOGMEC), Iwatani Corporation (equity, debt)');
    expect(labels).toContain('Stake of Iwatani Corporation in Caremag');
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('tells two instruments of one kind apart by their terms and parties', () => {
    const loan = (figureId: string, lender: string, form: 'loan' | 'bond') =>
      given(...HISTORY_AS_REPORTED.slice(0, 1))
        .when({ type: 'AgreeDebt', dealId: DEAL_ID, form, lenders: [lender], borrower: 'caremag', principal: report(figureId, money('EUR', '1000000')) })
        .thenEvents();
    expect(labelsOf([...loan('a', 'gov-fr', 'loan'), ...loan('b', 'jogmec', 'loan'), ...loan('c', 'gov-fr', 'bond')])).toEqual([
      'Loan principal (Government of France · Caremag)',
      'Loan principal (Japan Organization for Metals and Energy Security (JOGMEC) · Caremag)',
      'Bond principal (Government of France · Caremag)',
    ]);
  });

  it('reads well whatever a stored context lacks or holds: no dangling words, no "null", no throw', () => {
    expect(figureLabel('metric', { label: 'plant cost', subject: null })).toBe('Plant cost');
    expect(figureLabel('metric', {})).toBe('Metric');
    expect(figureLabel('stake', { holder: 3 })).toBe('Stake of 3');
    expect(figureLabel('investment.amount', {})).toBe('Investment');
    expect(figureLabel('capacity', null)).toBe('Capacity');
    expect(figureLabel('debt.principal', { form: 'loan', lenders: [null] })).toBe('Loan principal');
  });

  it("says a stake's basis and condition, and a price agreement's kind and product", () => {
    expect(figureLabel('stake', { holder: 'jogmec', target: 'caremag', basis: 'fully_diluted', conditional: true }, nameOf)).toBe(
      'Stake of Japan Organization for Metals and Energy Security (JOGMEC) in Caremag (fully diluted, conditional)',
    );
    expect(figureLabel('price_agreement.price', { kind: 'floor', provider: 'gov-jp', beneficiary: 'caremag', product: 'terbium oxide' }, nameOf)).toBe(
      'Price floor of terbium oxide (Government of Japan · Caremag)',
    );
    expect(figureLabel('price_agreement.term', { kind: 'floor', provider: 'gov-jp', beneficiary: 'caremag', product: 'terbium oxide' }, nameOf)).toBe(
      'Price floor term of terbium oxide (Government of Japan · Caremag)',
    );
  });
});
