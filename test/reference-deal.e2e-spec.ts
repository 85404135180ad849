import { laterHypotheticalLines, REFERENCE_DEAL_ID, referenceDealLines, routeOf } from './support/reference-deal.js';
import { startTestLedger, tempDataDir, type TestLedger } from './support/test-ledger.js';

/** The Caremag deal recorded fact by fact over HTTP on a real SQLite file, then read back. */
describe('the reference deal over HTTP', () => {
  const data = tempDataDir();
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir });
    for (const line of referenceDealLines()) {
      const response = await ledger
        .http()
        .post(routeOf(line))
        .set(ledger.auth)
        .set('Idempotency-Key', line.commandId!)
        .send(line.body);
      expect({ line: line.commandId, status: response.status, body: response.body }).toMatchObject({ status: 201 });
    }
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  const figure = (deal: { figures: { figureId: string }[] }, id: string) => {
    const found = deal.figures.find((f) => f.figureId === id);
    if (!found) throw new Error(`figure ${id} missing`);
    return found as Record<string, any>;
  };

  it('reads the deal back with every figure, qualifier and source as reported', async () => {
    const response = await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}`).expect(200);
    const deal = response.body;
    expect(response.headers.etag).toBe(`"${deal.revision}"`);
    expect(deal.revision).toBe(11);
    expect(deal.parties.map((p: { partyId: string }) => p.partyId)).toEqual([
      'jogmec', 'iwatani', 'carester', 'caremag', 'jfre', 'gov-fr', 'gov-jp',
    ]);
    expect(deal.site).toBe('Pyrénées-Atlantiques, south-western France');
    // Ten figures as reported, plus the offtake's term (a text figure since OfftakeSigned.v3).
    expect(deal.figures).toHaveLength(11);

    const amount = figure(deal, 'investment-amount');
    expect(amount.value).toEqual({
      measure: { kind: 'money', currency: 'EUR' },
      qualifier: 'up_to',
      amount: '110000000',
      conversions: [{ currency: 'USD', amount: '120000000', rate: { base: 'USD', quote: 'EUR', value: '0.9188' }, convertedBy: 'Reuters' }],
    });
    expect(amount.display).toContain('up to EUR 110,000,000');
    expect(amount.source.publisher).toBe('JOGMEC and Iwatani Corporation');
    expect(amount.context).toMatchObject({ investors: ['jogmec', 'iwatani'], target: 'caremag', vehicle: 'jfre' });
    expect(amount.status).toBe('current');
    expect(amount.recordedBy).toBe('analyst-1');

    expect(figure(deal, 'stake-jogmec').value).toMatchObject({ qualifier: 'undisclosed', note: 'declined to comment' });
    expect(figure(deal, 'offtake-share').value).toMatchObject({ qualifier: 'about', amount: '50' });
    expect(figure(deal, 'offtake-share.term')).toMatchObject({ fact: 'offtake.term', display: 'long-term', value: { measure: { kind: 'text' }, text: 'long-term' } });
    expect(figure(deal, 'capacity-dysprosium').value).toMatchObject({ amount: '500', measure: { unit: 't' } });
    expect(figure(deal, 'output-rare-earth-oxides').display).toContain('more than 1,000 t');
    expect(figure(deal, 'support-gov-fr').source).toMatchObject({ publisher: 'Nikkei', tier: 'secondary', citedBy: 'Reuters' });
    expect(figure(deal, 'japan-demand-share').source.attribution).toBe('an industry ministry official (Japan)');
    expect(deal.notes).toHaveLength(2);
  });

  it('lists the deal by party and by commodity, and not by a party it lacks', async () => {
    const byParty = await ledger.http().get('/deals?party=iwatani').expect(200);
    expect(byParty.body.items.map((d: { dealId: string }) => d.dealId)).toEqual([REFERENCE_DEAL_ID]);
    const byCommodity = await ledger.http().get('/deals?commodity=Dysprosium').expect(200);
    expect(byCommodity.body.items).toHaveLength(1);
    const none = await ledger.http().get('/deals?party=nobody').expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('serves the stream with the metadata of every event', async () => {
    const response = await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}/events`).expect(200);
    expect(response.body.events).toHaveLength(12);
    const [first] = response.body.events;
    expect(first).toMatchObject({
      type: 'DealRegistered.v2',
      revision: 0,
      metadata: { actor: 'analyst-1', commandId: 'caremag-2025-fact-00', correlationId: 'caremag-2025-fact-00' },
    });
    expect(typeof first.position).toBe('string');
  });

  it('records a revision and a correction of the investment amount, each visible as what it is', async () => {
    const before = await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}`).expect(200);
    const [revision] = laterHypotheticalLines().filter((l) => l.figureId === 'investment-amount');
    const revised = await ledger
      .http()
      .post(routeOf(revision!))
      .set(ledger.auth)
      .set('If-Match', before.headers.etag)
      .send(revision!.body)
      .expect(201);
    expect(revised.headers.etag).toBe(`"${before.body.revision + 1}"`);
    expect(revised.body).toMatchObject({ eventTypes: ['FigureRevised.v2'], figureIds: ['investment-amount'] });

    let deal = (await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}`).expect(200)).body;
    expect(figure(deal, 'investment-amount')).toMatchObject({
      status: 'revised',
      value: { qualifier: 'exact', amount: '95000000' },
      reason: 'final terms announced (hypothetical)',
    });

    await ledger
      .http()
      .post(`/deals/${REFERENCE_DEAL_ID}/figures/investment-amount/corrections`)
      .set(ledger.auth)
      .set('If-Match', revised.headers.etag)
      .send({ ...revision!.body, value: { measure: { kind: 'money', currency: 'EUR' }, qualifier: 'exact', amount: '95500000' }, reason: 'mis-keyed' })
      .expect(201);
    deal = (await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}`).expect(200)).body;
    expect(figure(deal, 'investment-amount')).toMatchObject({ status: 'corrected', value: { amount: '95500000' }, reason: 'mis-keyed' });

    const stale = await ledger
      .http()
      .post(`/deals/${REFERENCE_DEAL_ID}/figures/investment-amount/revisions`)
      .set(ledger.auth)
      .set('If-Match', before.headers.etag)
      .send(revision!.body);
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('CONCURRENCY.STALE_REVISION');
  });
});
