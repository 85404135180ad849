import { partyStreamName } from '#domain';
import { REFERENCE_DEAL_ID, referenceDealLines, routeOf } from '../../support/reference-deal.js';
import { bearer, ROLE_KEYS, startTestLedger, tempDataDir, type TestLedger } from '../../support/test-ledger.js';

/**
 * Parties across deals over real HTTP and a real SQLite file: a party registered, renamed
 * and linked to a parent, read as the world was at `validAt` and as the record stood at
 * `knownAt`; the deals that name it from the deal index. The store's clock is set by each
 * step, so the moments between the writes are known.
 */
describe('parties across deals', () => {
  const data = tempDataDir();
  let now = new Date('2026-01-10T00:00:00Z');
  let ledger: TestLedger;
  const source = { publisher: 'GLEIF', tier: 'primary' };
  const iwatani = { partyId: 'iwatani', name: 'Iwatani', kind: 'company', country: 'JP', lei: '506700GE1G29325QX363', source, reportedAt: '2025-03-17' };
  const renaming = { name: 'Iwatani Corporation', effectiveAt: '2025-04-01', source, reportedAt: '2025-04-02' };

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir, clock: () => now });
  });
  afterAll(async () => {
    await ledger?.close();
    data.remove();
  });

  const post = (path: string, body: object) => ledger.http().post(path).send(body);
  const get = (path: string) => ledger.http().get(path);

  it('decides a registration in a dry run and records nothing; a dryRun that is not true or false is a 400', async () => {
    const head = await ledger.runtime.store.headPosition();
    const dryRun = await ledger.http().post('/parties?dryRun=true').set('Idempotency-Key', 'register-iwatani').send(iwatani);
    expect({ status: dryRun.status, dryRunHeader: dryRun.headers['dry-run'], body: dryRun.body }).toMatchObject({
      status: 200,
      dryRunHeader: 'true',
      body: { dryRun: true, partyId: 'iwatani', revision: null, eventTypes: ['PartyRegistered.v1'], replayed: false },
    });
    expect(dryRun.body.wouldWrite[0]).toMatchObject({ type: 'PartyRegistered.v1', data: { partyId: 'iwatani', lei: iwatani.lei } });
    const mistyped = await post('/parties?dryRun=yes', iwatani);
    expect({ status: mistyped.status, code: mistyped.body.code, field: mistyped.body.errors?.[0]?.field }).toEqual({
      status: 400,
      code: 'REQUEST.VALIDATION_FAILED',
      field: 'dryRun',
    });
    expect(await ledger.runtime.store.headPosition()).toBe(head);
  });

  it('registers a party with a checked LEI and answers it with its ETag', async () => {
    const created = await post('/parties', iwatani);
    expect({ status: created.status, body: created.body, etag: created.headers.etag, location: created.headers.location }).toMatchObject({
      status: 201,
      body: { partyId: 'iwatani', revision: 0, eventTypes: ['PartyRegistered.v1'] },
      etag: '"0"',
      location: '/parties/iwatani',
    });
    const read = await get('/parties/iwatani').expect(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.body).toMatchObject({ partyId: 'iwatani', name: 'Iwatani', kind: 'company', lei: iwatani.lei, aliases: [], parents: [], revision: 0 });
    const stored = await ledger.runtime.store.readStream(partyStreamName('iwatani'));
    expect(stored.map((e) => e.metadata.actor)).toEqual(['analyst-1']);
  });

  it('refuses the party registered twice (409), an LEI with a wrong check digit (400), and an unknown party (404)', async () => {
    expect((await post('/parties', iwatani)).body).toMatchObject({ code: 'PARTY.ALREADY_REGISTERED' });
    expect((await post('/parties', iwatani)).status).toBe(409);
    const badLei = await post('/parties', { ...iwatani, partyId: 'iwatani-2', lei: '506700GE1G29325QX364' });
    expect({ status: badLei.status, code: badLei.body.code, field: badLei.body.field }).toEqual({ status: 400, code: 'PARTY.INVALID_LEI', field: 'lei' });
    const unknown = await get('/parties/nobody');
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'PARTY.NOT_FOUND' });
    expect((await post('/parties/nobody/renames', renaming)).status).toBe(404);
  });

  it('answers the name in effect at validAt across a rename, and the record as it stood at knownAt before it', async () => {
    now = new Date('2026-02-10T00:00:00Z');
    const renamed = await ledger.http().post('/parties/iwatani/renames').set('If-Match', '"0"').send(renaming);
    expect({ status: renamed.status, etag: renamed.headers.etag }).toEqual({ status: 201, etag: '"1"' });
    now = new Date('2026-03-01T00:00:00Z');

    expect((await get('/parties/iwatani').expect(200)).body.name).toBe('Iwatani Corporation');
    expect((await get('/parties/iwatani?validAt=2025-03-31T23:59:59Z').expect(200)).body).toMatchObject({
      name: 'Iwatani',
      asOf: { validAt: '2025-03-31T23:59:59Z' },
    });
    expect((await get('/parties/iwatani?validAt=2025-04-01').expect(200)).body.name).toBe('Iwatani Corporation');
    const names = (await get('/parties/iwatani').expect(200)).body.names;
    expect(names).toEqual([
      { name: 'Iwatani', reportedAt: '2025-03-17', recordedAt: '2026-01-10T00:00:00.000Z', source },
      { name: 'Iwatani Corporation', effectiveAt: '2025-04-01', reportedAt: '2025-04-02', recordedAt: '2026-02-10T00:00:00.000Z', source },
    ]);

    // On record before the rename was: the old name, whatever validAt, and the revision then.
    const before = await get('/parties/iwatani?knownAt=2026-02-01&validAt=2025-06-01').expect(200);
    expect(before.body).toMatchObject({ name: 'Iwatani', revision: 0, asOf: { knownAt: '2026-02-01', validAt: '2025-06-01' } });
    expect(before.body.names).toHaveLength(1);
    const atRename = await get(`/parties/iwatani?knownAt=${renamed.body.position}`).expect(200);
    expect(atRename.body).toMatchObject({ name: 'Iwatani Corporation', revision: 1 });
    expect((await get('/parties/iwatani?knownAt=2026-01-01')).body.code).toBe('PARTY.NOT_FOUND');
    expect((await get('/parties/iwatani?knownAt=2027-01-01')).body.code).toBe('AUDIT.KNOWN_AT_IN_FUTURE');
    expect((await get('/parties/iwatani?validAt=someday')).status).toBe(400);
  });

  it('refuses a rename that changes nothing, and a stale If-Match', async () => {
    const same = await post('/parties/iwatani/renames', { ...renaming, effectiveAt: '2025-05-01' });
    expect({ status: same.status, code: same.body.code }).toEqual({ status: 409, code: 'PARTY.RENAME_CHANGES_NOTHING' });
    const stale = await ledger.http().post('/parties/iwatani/aliases').set('If-Match', '"0"').send({ alias: '岩谷産業', source, reportedAt: '2025-04-02' });
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 412, code: 'CONCURRENCY.STALE_REVISION' });
  });

  it('replays an alias sent again with its Idempotency-Key, writing nothing', async () => {
    const send = () => ledger.http().post('/parties/iwatani/aliases').set('Idempotency-Key', 'alias-iwatani-1').send({ alias: '岩谷産業', source, reportedAt: '2025-04-02' });
    const first = await send();
    expect(first.status).toBe(201);
    const again = await send();
    expect({ status: again.status, body: again.body, replayed: again.headers['idempotent-replayed'] }).toEqual({ status: 201, body: first.body, replayed: 'true' });
    expect((await get('/parties/iwatani').expect(200)).body.aliases).toEqual(['岩谷産業']);
  });

  it('links a party to a registered parent, ends the link, and refuses itself, an unknown parent and an end of no link', async () => {
    const link = { parentId: 'carester', effectiveAt: '2022-06-01', source, reportedAt: '2025-03-17' };
    await post('/parties', { ...iwatani, partyId: 'caremag', name: 'Caremag', country: 'FR', lei: undefined }).expect(201);
    expect((await post('/parties/caremag/parents', link)).body).toMatchObject({ code: 'PARTY.UNKNOWN_PARENT', field: 'parentId' });
    expect((await post('/parties/caremag/parents', { ...link, parentId: 'caremag' })).body).toMatchObject({ code: 'PARTY.PARENT_IS_SELF' });
    await post('/parties', { ...iwatani, partyId: 'carester', name: 'Carester', country: 'FR', lei: undefined }).expect(201);
    await post('/parties/caremag/parents', link).expect(201);
    expect((await get('/parties/caremag?validAt=2023-01-01').expect(200)).body.parents).toEqual([{ parentId: 'carester', from: '2022-06-01' }]);
    const end = { effectiveAt: '2025-12-31', source, reportedAt: '2026-01-02' };
    await post('/parties/caremag/parents/carester/end', end).expect(201);
    expect((await get('/parties/caremag?validAt=2026-01-01').expect(200)).body.parents).toEqual([]);
    const again = await post('/parties/caremag/parents/carester/end', end);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'PARTY.PARENT_LINK_NOT_OPEN' });
  });

  it('lists the deals whose parties carry the id, from the deal index', async () => {
    const register = referenceDealLines().find((line) => line.command === 'RegisterDeal')!;
    await post(routeOf(register), register.body).expect(201);
    const page = await get('/parties/iwatani/deals').expect(200);
    expect(page.body.items.map((deal: { dealId: string }) => deal.dealId)).toEqual([REFERENCE_DEAL_ID]);
    expect((await get('/parties/nobody/deals').expect(200)).body.items).toEqual([]);
    expect((await get('/parties/$all/deals')).status).toBe(400);
  });

  it('finds parties in the directory by any of their names or aliases, and by LEI, a page at a time', async () => {
    const byFormerName = await get('/parties?name=IWATANI').expect(200);
    expect(byFormerName.body.items).toEqual([
      expect.objectContaining({ partyId: 'iwatani', name: 'Iwatani Corporation', otherNames: ['Iwatani'], lei: iwatani.lei, position: expect.any(String) }),
    ]);
    expect((await get(`/parties?lei=${iwatani.lei}`).expect(200)).body.items.map((p: { partyId: string }) => p.partyId)).toEqual(['iwatani']);
    const first = await get('/parties?limit=1').expect(200);
    expect(first.body).toMatchObject({ items: [{ partyId: 'caremag' }], next: 'caremag' });
    expect((await get('/parties?limit=1&after=caremag').expect(200)).body.items[0].partyId).toBe('carester');
    const badLei = await get('/parties?lei=not-a-lei');
    expect({ status: badLei.status, field: badLei.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'lei' });
  });

  it('lets viewers read and only writers write', async () => {
    const viewer = bearer(ROLE_KEYS.viewer);
    expect((await ledger.anonymous().get('/parties/iwatani').set(viewer)).status).toBe(200);
    expect((await ledger.anonymous().get('/parties/iwatani/deals').set(viewer)).status).toBe(200);
    expect((await ledger.anonymous().get('/parties').set(viewer)).status).toBe(200);
    expect((await ledger.anonymous().post('/parties/iwatani/aliases').set(viewer).send({ alias: 'x', source, reportedAt: '2025-04-02' })).status).toBe(403);
    expect((await ledger.anonymous().post('/parties').send(iwatani)).status).toBe(401);
  });

  it('keeps the ledger verifiable with party streams in it, and the read models healthy', async () => {
    const verified = await get('/audit/verify').expect(200);
    expect(verified.body).toMatchObject({ ok: true });
    expect((await get('/health/ready')).status).toBe(200);
  });

  it('publishes the party event schemas under /schemas', async () => {
    const index = await get('/schemas').expect(200);
    expect(index.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['PartyRegistered.v1', 'PartyRenamed.v1', 'PartyParentLinkEnded.v1']));
    expect((await get('/schemas/PartyRenamed.v1').expect(200)).body).toMatchObject({ title: 'PartyRenamed.v1', required: ['name', 'effectiveAt', 'source', 'reportedAt'] });
  });
});
