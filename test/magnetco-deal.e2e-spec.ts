import { magnetcoDealLines, routeOf } from './support/reference-deal.js';
import { startTestLedger, tempDataDir, type TestLedger } from './support/test-ledger.js';

const DEAL = '/deals/magnetco-2026';

/**
 * The second reference deal (invented from start to end): equity with warrants, a loan and a
 * credit facility, a price floor, an offtake with a purchase commitment in money, a guarantee,
 * a grant, a capacity that goes from planned to operating, an estimate later disclosed.
 * Recorded over HTTP line by line, then asked the audit questions of the first reference deal: what it is now, what each figure was and who
 * said so, what stood at a moment, and what changed between two.
 */
describe('the second reference deal over HTTP', () => {
  const data = tempDataDir();
  let ledger: TestLedger;
  const positions = new Map<string, number>();

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir });
    for (const line of magnetcoDealLines()) {
      const response = await ledger.http().post(routeOf(line)).set(ledger.auth).set('Idempotency-Key', line.commandId!).send(line.body);
      expect({ line: line.commandId, status: response.status, body: response.body }).toMatchObject({ status: 201 });
      positions.set(line.commandId!, Number(response.body.position));
    }
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  const figureOf = (deal: { figures: { figureId: string }[] }, id: string): Record<string, any> => {
    const found = deal.figures.find((f) => f.figureId === id);
    if (!found) throw new Error(`figure ${id} missing`);
    return found;
  };

  it('holds every instrument with its figures, in words, each under its own fact', async () => {
    const deal = (await ledger.http().get(DEAL).set(ledger.auth).expect(200)).body;
    const shown = Object.fromEntries(deal.figures.map((f: any) => [f.figureId, [f.fact, f.display]]));
    expect(shown).toMatchObject({
      'equity-shares': ['equity.shares', 'about 8,000,000 convertible preferred shares'],
      'equity-price': ['equity.pricePerShare', 'EUR 11.5 per share'],
      'warrants-strike': ['warrants.strike', 'EUR 12.5 per share'],
      'warrants-expiry': ['warrants.expiry', '2031'],
      'loan-principal': ['debt.principal', 'EUR 50,000,000'],
      'loan-tenor': ['debt.tenor', '10 years (P10Y)'],
      'floor-terbium': ['price_agreement.price', 'EUR 60 per kg'],
      'floor-terbium-term': ['price_agreement.term', '7 years (P7Y)'],
      'purchase-autoco': ['purchase_commitment.amount', 'at least USD 500,000,000'],
      'guarantee-fr': ['guarantee.cover', 'at most 80 %'],
      'production-start': ['metric', 'about Q4 2026'],
    });
    expect(figureOf(deal, 'loan-principal').context).toMatchObject({ form: 'loan', lenders: ['state-fund'], borrower: 'magnetco' });
    expect(figureOf(deal, 'floor-terbium').context).toMatchObject({ kind: 'floor', product: 'terbium oxide' });
    expect(figureOf(deal, 'stake-state-fund').context).toMatchObject({ basis: 'as_converted', conditional: true });
    expect(figureOf(deal, 'warrants-count').context).toMatchObject({ stakeFigureId: 'stake-state-fund' });
  });

  it('labels every figure so that no two read alike, in the deal and in its history', async () => {
    const deal = (await ledger.http().get(DEAL).set(ledger.auth).expect(200)).body;
    const labels = deal.figures.map((f: any) => f.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(figureOf(deal, 'loan-principal').label).toBe('Loan principal (State Strategic Metals Fund (hypothetical) · MagnetCo (hypothetical))');
    expect(figureOf(deal, 'facility-principal').label).toBe('Credit facility principal (Bank A (hypothetical) · MagnetCo (hypothetical))');
    expect(figureOf(deal, 'stake-state-fund').label).toBe('Stake of State Strategic Metals Fund (hypothetical) in MagnetCo (hypothetical) (as converted, conditional)');
    const history = (await ledger.http().get(`${DEAL}/figures/floor-terbium/history`).set(ledger.auth).expect(200)).body;
    expect(history.label).toBe('Price floor of terbium oxide (State Strategic Metals Fund (hypothetical) · MagnetCo (hypothetical))');
  });

  it('shows where each agreement and facility stands now, and every stage in the figure history', async () => {
    const deal = (await ledger.http().get(DEAL).set(ledger.auth).expect(200)).body;
    expect(figureOf(deal, 'capacity-magnets')).toMatchObject({ stage: 'operating', status: 'current', change: 'stage', display: 'about 1,000 t per year' });
    expect(figureOf(deal, 'facility-principal')).toMatchObject({ stage: 'signed', source: { publisher: 'Example Wire' } });
    expect(figureOf(deal, 'equity-amount')).toMatchObject({ stage: 'committed', status: 'revised', display: 'EUR 95,000,000' });

    const history = (await ledger.http().get(`${DEAL}/figures/capacity-magnets/history`).set(ledger.auth).expect(200)).body;
    expect(history.entries.map((e: any) => [e.change, e.stage, e.source.title])).toEqual([
      ['initial', 'planned', 'Press release announcing the financing of plant 1 (hypothetical)'],
      ['stage', 'under_construction', 'Plant 1 construction update (hypothetical)'],
      ['stage', 'operating', 'Plant 1 opening ceremony (hypothetical)'],
    ]);
  });

  it('tells a reported value from an estimate, and a range from the final figure', async () => {
    const cost = (await ledger.http().get(`${DEAL}/figures/plant-cost/history`).set(ledger.auth).expect(200)).body.entries;
    expect(cost.map((e: any) => [e.change, e.display])).toEqual([
      ['initial', 'estimate by an analyst at Example Research (hypothetical) (capacity times the cost per tonne of comparable plants): about EUR 320,000,000'],
      ['disclosure', 'EUR 305,000,000'],
    ]);
    const equity = (await ledger.http().get(`${DEAL}/figures/equity-amount/history`).set(ledger.auth).expect(200)).body.entries;
    expect(equity.map((e: any) => [e.change, e.display])).toEqual([
      ['initial', 'between at least EUR 80,000,000 and up to EUR 100,000,000'],
      ['revision', 'EUR 95,000,000'],
    ]);
  });

  it('answers what stood on record before the facility opened, and what changed since', async () => {
    const beforeOpening = positions.get('magnetco-2026-23')!;
    const then = (await ledger.http().get(`${DEAL}?knownAt=${beforeOpening}`).set(ledger.auth).expect(200)).body;
    expect(figureOf(then, 'capacity-magnets')).toMatchObject({ stage: 'under_construction', status: 'current' });
    expect(figureOf(then, 'plant-cost')).toMatchObject({ status: 'revised', display: 'EUR 305,000,000' });

    const diff = (await ledger.http().get(`${DEAL}/diff?from=${beforeOpening}&to=${positions.get('magnetco-2026-24')}`).set(ledger.auth).expect(200)).body;
    expect(diff.figures).toHaveLength(1);
    expect(diff.figures[0]).toMatchObject({ figureId: 'capacity-magnets', kind: 'changed', statusBefore: 'current', statusAfter: 'current' });
    expect(diff.figures[0].changes).toContainEqual({ field: 'stage', before: 'under_construction', after: 'operating' });
  });

  it('shows the deal now exactly as the record at its head, and as in effect once everything reported had happened', async () => {
    const deal = (await ledger.http().get(DEAL).set(ledger.auth).expect(200)).body;
    const atHead = (await ledger.http().get(`${DEAL}?knownAt=${deal.position}`).set(ledger.auth).expect(200)).body;
    expect(atHead.figures).toEqual(deal.figures);
    const inEffectLater = (await ledger.http().get(`${DEAL}?validAt=2099-01-01`).set(ledger.auth).expect(200)).body;
    expect(inEffectLater.figures).toEqual(deal.figures);
  });

  it('answers where the plant stood in the world at a date: under construction in the summer, before it opened', async () => {
    const summer = (await ledger.http().get(`${DEAL}?validAt=2026-07-01`).set(ledger.auth).expect(200)).body;
    expect(figureOf(summer, 'capacity-magnets')).toMatchObject({ stage: 'under_construction', status: 'current' });
  });

  it('follows the company across deals, renamed mid-deal: its name in effect at each date, and the deals that name it', async () => {
    const source = { publisher: 'Registry of companies (hypothetical)', tier: 'primary' };
    await ledger.http().post('/parties').set(ledger.auth).send({ partyId: 'magnetco', name: 'MagnetCo SAS', kind: 'company', country: 'FR', source, reportedAt: '2026-02-01' }).expect(201);
    await ledger.http().post('/parties/magnetco/renames').set(ledger.auth).send({ name: 'MagnetCo Group', effectiveAt: '2026-06-01', source, reportedAt: '2026-06-03' }).expect(201);
    const before = (await ledger.http().get('/parties/magnetco?validAt=2026-05-31').set(ledger.auth).expect(200)).body;
    const after = (await ledger.http().get('/parties/magnetco?validAt=2026-06-01').set(ledger.auth).expect(200)).body;
    expect([before.name, after.name]).toEqual(['MagnetCo SAS', 'MagnetCo Group']);
    const deals = (await ledger.http().get('/parties/magnetco/deals').set(ledger.auth).expect(200)).body;
    expect(deals.items.map((d: { dealId: string }) => d.dealId)).toEqual(['magnetco-2026']);
  });

  it('takes a lender of the registry by its id alone and a later deal that amends it; as of before, neither is there', async () => {
    const source = { publisher: 'Lender press release (hypothetical)', tier: 'primary' };
    const before = (await ledger.http().get(DEAL).set(ledger.auth).expect(200)).body.position;
    await ledger.http().post('/parties').set(ledger.auth).send({ partyId: 'hypo-bank', name: 'Hypothetical Bank AG', kind: 'company', country: 'DE', source, reportedAt: '2026-09-01' }).expect(201);
    await ledger.http().post(`${DEAL}/parties`).set(ledger.auth).send({ party: { partyId: 'hypo-bank', roles: ['lender'] }, source, reportedAt: '2026-09-02' }).expect(201);
    const expansion = {
      dealId: 'magnetco-2027-expansion',
      title: 'MagnetCo plant 1 expansion (hypothetical)',
      parties: [{ partyId: 'hypo-bank', roles: ['lender'] }, { partyId: 'magnetco-expansion-co', name: 'MagnetCo Expansion SAS (hypothetical)', kind: 'company', roles: ['target'] }],
      commodities: ['NdPr'],
      source,
      reportedAt: '2026-10-01',
    };
    await ledger.http().post('/deals').set(ledger.auth).send(expansion).expect(201);
    const link = { relation: 'amends', targetDealId: 'magnetco-2026', source, reportedAt: '2026-10-01' };
    await ledger.http().post('/deals/magnetco-2027-expansion/links').set(ledger.auth).send(link).expect(201);

    const now = (await ledger.http().get(DEAL).set(ledger.auth).expect(200)).body;
    expect(now.parties).toContainEqual({ partyId: 'hypo-bank', name: 'Hypothetical Bank AG', kind: 'company', roles: ['lender'], country: 'DE', registered: true });
    expect(now.linkedFrom).toEqual([expect.objectContaining({ relation: 'amends', dealId: 'magnetco-2027-expansion', source })]);
    const amending = (await ledger.http().get('/deals/magnetco-2027-expansion').set(ledger.auth).expect(200)).body;
    expect(amending.links).toEqual([expect.objectContaining({ relation: 'amends', dealId: 'magnetco-2026' })]);
    const then = (await ledger.http().get(`${DEAL}?knownAt=${before}`).set(ledger.auth).expect(200)).body;
    expect(then.parties.map((p: { partyId: string }) => p.partyId)).not.toContain('hypo-bank');
    expect(then.linkedFrom).toEqual([]);
    const lent = (await ledger.http().get('/parties/hypo-bank/deals').set(ledger.auth).expect(200)).body;
    expect(lent.items.map((d: { dealId: string }) => d.dealId)).toEqual(['magnetco-2026', 'magnetco-2027-expansion']);

    const nowhere = await ledger.http().post('/deals/magnetco-2027-expansion/links').set(ledger.auth).send({ ...link, targetDealId: 'no-such-deal' }).expect(400);
    expect(nowhere.body).toMatchObject({ code: 'DEAL.UNKNOWN_LINK_TARGET', field: 'targetDealId' });
    const again = await ledger.http().post('/deals/magnetco-2027-expansion/links').set(ledger.auth).send(link).expect(409);
    expect(again.body).toMatchObject({ code: 'DEAL.ALREADY_LINKED' });
    const stranger = await ledger.http().post(`${DEAL}/parties`).set(ledger.auth).send({ party: { partyId: 'unregistered-bank', roles: ['lender'] }, source, reportedAt: '2026-09-02' }).expect(400);
    expect(stranger.body).toMatchObject({ code: 'DEAL.UNREGISTERED_PARTY', field: 'party.partyId' });
  });

  it('refuses a second open stake of the same holder and basis, pointing at the figure to revise', async () => {
    const again = magnetcoDealLines().find((line) => line.command === 'DiscloseStake')!;
    const body = { ...again.body, stake: { ...(again.body.stake as object), figureId: 'stake-state-fund-2' } };
    const refused = await ledger.http().post(routeOf(again)).set(ledger.auth).send(body).expect(409);
    expect(refused.body).toMatchObject({ code: 'STAKE.ALREADY_OPEN', details: { figureId: 'stake-state-fund' } });
  });
});

