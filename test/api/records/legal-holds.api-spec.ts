import { REFERENCE_DEAL_ID, referenceDealLines } from '../../support/reference-deal.js';
import { bearer, ROLE_KEYS, startTestLedger, tempDataDir, type TestLedger } from '../../support/test-ledger.js';
import { recordedLines } from '../support/fresh-deal.js';

/**
 * Legal holds over real HTTP and a real SQLite file: placed by an admin on a deal, a party or
 * a recorded range, listed by auditors and admins, shown on the deal they cover, released with
 * a reason. Every refusal answers a stable code naming the field and writes nothing. The
 * store's clock is set by each step, so the recorded times are known.
 */
describe('legal holds', () => {
  const data = tempDataDir();
  let now = new Date('2026-01-10T09:00:00Z');
  let ledger: TestLedger;
  const admin = bearer(ROLE_KEYS.admin);
  const why = { reason: 'Litigation hold: the Caremag financing (hypothetical)', reference: 'CASE-2026-014' };

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir, clock: () => now });
    await recordedLines(referenceDealLines())(ledger);
    await ledger.runtime.runner.catchUp(10_000);
  });
  afterAll(async () => {
    await ledger?.close();
    data.remove();
  });

  const place = (body: unknown, as = admin) => ledger.anonymous().post('/admin/holds').set(as).send(body as object);
  const list = (query = '', as = admin) => ledger.anonymous().get(`/admin/holds${query}`).set(as);
  const release = (holdId: string, body: unknown, as = admin) => ledger.anonymous().delete(`/admin/holds/${holdId}`).set(as).send(body as object);
  const onDeal = (as = bearer(ROLE_KEYS.auditor)) => ledger.anonymous().get(`/deals/${REFERENCE_DEAL_ID}/holds`).set(as);

  /** The request's answer, and the events it appended (to any stream). */
  async function written(request: () => PromiseLike<{ status: number; body: any }>) {
    const head = await ledger.runtime.store.headPosition();
    const response = await request();
    const events = [];
    for await (const event of ledger.runtime.store.readAll({ after: head })) events.push(event);
    return { response, events };
  }

  it('an admin places a hold on a deal: 201 with the hold, recorded as LegalHoldPlaced.v1 in admin-holds under the admin', async () => {
    now = new Date('2026-01-12T10:00:00Z');
    const { response, events } = await written(() => place({ scope: { kind: 'deal', dealId: REFERENCE_DEAL_ID }, ...why }));
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      holdId: expect.stringMatching(/^hold-[0-9a-f]{16}$/),
      scope: { kind: 'deal', dealId: REFERENCE_DEAL_ID },
      ...why,
      placedAt: '2026-01-12T10:00:00.000Z',
      placedBy: 'admin-1',
      inForce: true,
    });
    expect(events).toMatchObject([
      { streamId: 'admin-holds', type: 'LegalHoldPlaced.v1', data: { holdId: response.body.holdId, ...why }, metadata: { actor: 'admin-1' } },
    ]);
  });

  it('holds on a party and on a recorded range (a date alone is that day 00:00 UTC; an offset is kept as the instant it names)', async () => {
    const party = await place({ scope: { kind: 'party', partyId: 'jogmec' }, ...why, reference: 'REQ-7' });
    expect(party.status).toBe(201);
    const range = await place({ scope: { kind: 'recorded', from: '2026-01-01', to: '2026-01-11T09:00:00+09:00' }, ...why, reference: 'REQ-8' });
    expect(range.status).toBe(201);
    expect(range.body.scope).toEqual({ kind: 'recorded', from: '2026-01-01T00:00:00.000Z', to: '2026-01-11T00:00:00.000Z' });
  });

  it.each([
    ['an unknown deal', { scope: { kind: 'deal', dealId: 'no-such-deal' }, ...why }, 404, 'DEAL.NOT_FOUND', 'scope.dealId'],
    ['an unknown party', { scope: { kind: 'party', partyId: 'no-such-party' }, ...why }, 404, 'PARTY.NOT_FOUND', 'scope.partyId'],
    ['from equal to to', { scope: { kind: 'recorded', from: '2026-01-01', to: '2026-01-01T00:00:00Z' }, ...why }, 400, 'HOLD.EMPTY_RANGE', 'scope.to'],
    ['from after to', { scope: { kind: 'recorded', from: '2026-02-01', to: '2026-01-01' }, ...why }, 400, 'HOLD.EMPTY_RANGE', 'scope.to'],
    ['a date-time without its zone', { scope: { kind: 'recorded', from: '2026-01-01T08:00:00', to: '2026-02-01' }, ...why }, 400, 'TIME.INVALID_TIMESTAMP', 'scope.from'],
    ['a date that does not exist', { scope: { kind: 'recorded', from: '2026-01-01', to: '2026-02-30' }, ...why }, 400, 'TIME.INVALID_TIMESTAMP', 'scope.to'],
    ['a range without its end', { scope: { kind: 'recorded', from: '2026-01-01' }, ...why }, 400, 'REQUEST.VALIDATION_FAILED', 'scope.to'],
    ['a field of another kind', { scope: { kind: 'deal', dealId: REFERENCE_DEAL_ID, partyId: 'jogmec' }, ...why }, 400, 'REQUEST.VALIDATION_FAILED', 'scope.partyId'],
    ['an unknown kind', { scope: { kind: 'everything' }, ...why }, 400, 'REQUEST.VALIDATION_FAILED', 'scope.kind'],
    ['an empty reason', { scope: { kind: 'deal', dealId: REFERENCE_DEAL_ID }, ...why, reason: '' }, 400, 'REQUEST.VALIDATION_FAILED', 'reason'],
    ['a blank reference', { scope: { kind: 'deal', dealId: REFERENCE_DEAL_ID }, ...why, reference: '   ' }, 400, 'REQUEST.VALIDATION_FAILED', 'reference'],
    ['no reference', { scope: { kind: 'deal', dealId: REFERENCE_DEAL_ID }, reason: why.reason }, 400, 'REQUEST.VALIDATION_FAILED', 'reference'],
    ['a deal id that is no identifier', { scope: { kind: 'deal', dealId: '$all' }, ...why }, 400, 'REQUEST.VALIDATION_FAILED', 'scope.dealId'],
  ])('placing a hold with %s is refused with a stable code naming the field, and writes nothing', async (_case, body, status, code, field) => {
    const { response, events } = await written(() => place(body));
    expect({ status: response.status, code: response.body.code, field: response.body.field }).toEqual({ status, code, field });
    expect(events).toEqual([]);
  });

  it('auditors and admins list the holds in force; GET /deals/:dealId/holds gives those that cover the deal', async () => {
    for (const as of [admin, bearer(ROLE_KEYS.auditor)]) {
      const answer = await list('', as);
      expect(answer.status).toBe(200);
      expect(answer.body.items.map((h: any) => [h.scope.kind, h.reference, h.inForce])).toEqual([
        ['deal', 'CASE-2026-014', true],
        ['party', 'REQ-7', true],
        ['recorded', 'REQ-8', true],
      ]);
    }
    // The reference deal names JOGMEC and was recorded on 2026-01-10, inside the range: all three cover it.
    const covering = await onDeal();
    expect(covering.status).toBe(200);
    expect(covering.body.items.map((h: any) => h.reference)).toEqual(['CASE-2026-014', 'REQ-7', 'REQ-8']);
    const unknown = await ledger.anonymous().get('/deals/no-such-deal/holds').set(bearer(ROLE_KEYS.auditor));
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'DEAL.NOT_FOUND' });
  });

  it('an admin releases a hold with a reason: 200, recorded as LegalHoldReleased.v1; it leaves the list, and all=true shows who released it, when and why', async () => {
    const [held] = (await list()).body.items;
    now = new Date('2026-02-01T12:00:00Z');
    const { response, events } = await written(() => release(held.holdId, { reason: 'The case settled' }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...held, inForce: false, releasedAt: '2026-02-01T12:00:00.000Z', releasedBy: 'admin-1', releaseReason: 'The case settled' });
    expect(events).toMatchObject([{ streamId: 'admin-holds', type: 'LegalHoldReleased.v1', data: { holdId: held.holdId, reason: 'The case settled' }, metadata: { actor: 'admin-1' } }]);

    expect((await list()).body.items.map((h: any) => h.reference)).toEqual(['REQ-7', 'REQ-8']);
    const all = (await list('?all=true')).body.items;
    expect(all.map((h: any) => [h.reference, h.inForce])).toEqual([['REQ-7', true], ['REQ-8', true], ['CASE-2026-014', false]]);
    expect(all[2]).toMatchObject({ releasedBy: 'admin-1', releaseReason: 'The case settled' });
    expect((await onDeal()).body.items.map((h: any) => h.reference)).toEqual(['REQ-7', 'REQ-8']);
    const mistyped = await list('?all=yes');
    expect({ status: mistyped.status, code: mistyped.body.code, field: mistyped.body.field }).toEqual({ status: 400, code: 'REQUEST.VALIDATION_FAILED', field: 'all' });
  });

  it('a release of an unknown hold (404), of one already released (409) or without a reason (400) writes nothing', async () => {
    const released = (await list('?all=true')).body.items.find((h: any) => !h.inForce);
    const [inForce] = (await list()).body.items;
    for (const [holdId, body, status, code, field] of [
      ['hold-0000000000000000', { reason: 'x' }, 404, 'HOLD.NOT_FOUND', 'holdId'],
      [released.holdId, { reason: 'again' }, 409, 'HOLD.ALREADY_RELEASED', 'holdId'],
      [inForce.holdId, {}, 400, 'REQUEST.VALIDATION_FAILED', 'reason'],
      [inForce.holdId, { reason: ' ' }, 400, 'REQUEST.VALIDATION_FAILED', 'reason'],
    ] as const) {
      const { response, events } = await written(() => release(holdId, body));
      expect({ status: response.status, code: response.body.code, field: response.body.field }).toEqual({ status, code, field });
      expect(events).toEqual([]);
    }
    expect((await release(released.holdId, { reason: 'again' })).body.details).toMatchObject({ releasedBy: 'admin-1', releasedAt: '2026-02-01T12:00:00.000Z' });
  });

  it('viewers and writers may not read holds; only admins place or release them (403 naming the permission, nothing written)', async () => {
    const [inForce] = (await list()).body.items;
    for (const role of ['viewer', 'writer'] as const) {
      for (const response of [await list('', bearer(ROLE_KEYS[role])), await onDeal(bearer(ROLE_KEYS[role]))]) {
        expect({ status: response.status, code: response.body.code, required: response.body.details?.required }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN', required: 'holds:read' });
      }
    }
    for (const role of ['viewer', 'writer', 'auditor'] as const) {
      const as = bearer(ROLE_KEYS[role]);
      for (const request of [() => place({ scope: { kind: 'deal', dealId: REFERENCE_DEAL_ID }, ...why }, as), () => release(inForce.holdId, { reason: 'x' }, as)]) {
        const { response, events } = await written(request);
        expect({ status: response.status, code: response.body.code, required: response.body.details?.required }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN', required: 'admin' });
        expect(events).toEqual([]);
      }
    }
  });
});
