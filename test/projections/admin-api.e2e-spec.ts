import { activityProjection, commandOf, recordCommands, referenceDealLines } from '#testing';
import { startTestLedger, tempDataDir, WRITER_KEY, type TestLedger } from '../support/test-ledger.js';

/**
 * The admin routes over real HTTP: status of every projection, a replay from a position
 * and from a time (of a projection that can rewind), and the refusals, each with its
 * code and nothing recorded.
 */
describe('the admin projection routes', () => {
  const data = tempDataDir();
  const label = { current: 'v1' };
  let ledger: TestLedger;
  let head: number;
  const auth = { Authorization: `Bearer ${WRITER_KEY}` };

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir, runtime: { projections: [activityProjection(label)] } });
    await recordCommands(ledger.runtime.store, referenceDealLines().map(commandOf));
    head = await ledger.runtime.store.headPosition();
    await ledger.runtime.runner.catchUp(10_000);
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  const adminEvents = async () => ledger.runtime.store.readStream('admin-projections');

  it('lists every projection with its state, positions as cursors, lag and capabilities', async () => {
    const { body } = await ledger.http().get('/admin/projections').set(auth).expect(200);
    expect(body.head).toBe(String(head));
    expect(body.projections.map((p: { name: string }) => p.name)).toEqual(['deal-state', 'audit-trail', 'party-directory', 'activity']);
    expect(body.projections[0]).toMatchObject({
      name: 'deal-state',
      state: 'running',
      checkpoint: String(head),
      head: String(head),
      lag: { events: 0, seconds: 0 },
      quarantined: 0,
      blueGreen: true,
      replayable: false,
    });
    expect(body.projections[3]).toMatchObject({ name: 'activity', blueGreen: true, replayable: true });
  });

  it('replays from a position: a copy of the live rows, rewound, caught up and swapped in', async () => {
    label.current = 'v2';
    const swapped = ledger.runtime.runner.whenSwapped('activity');
    const answer = await ledger
      .http()
      .post('/admin/projections/activity/replay')
      .set(auth)
      .send({ fromPosition: String(head - 3), reason: 'labels fixed for the last events' })
      .expect(202);
    expect(answer.body.operation).toMatchObject({ kind: 'replay', from: String(head - 3), requestedBy: 'analyst-1' });
    const swap = await swapped;
    expect(swap.comparison.tables[0]).toMatchObject({ changed: 3, added: 0, removed: 0 });
    // Caught up past the admin stream's record of the replay itself.
    expect(swap.position).toBeGreaterThan(head);
    const status = (await ledger.http().get('/admin/projections/activity').set(auth).expect(200)).body;
    expect(status).toMatchObject({ state: 'running', lastSwap: { kind: 'replay', position: String(swap.position) } });
    expect(status.build).toBeUndefined();
  });

  it('replays from a time, found by commit time', async () => {
    const events = await ledger.runtime.store.readStream('deal-caremag-2025');
    const swapped = ledger.runtime.runner.whenSwapped('activity');
    label.current = 'v3';
    const answer = await ledger
      .http()
      .post('/admin/projections/activity/replay')
      .set(auth)
      .send({ fromTime: events[0]!.recordedAt })
      .expect(202);
    expect(answer.body.operation.from).toBe('0');
    expect((await swapped).comparison.tables[0]).toMatchObject({ changed: head });
    const [requested] = (await adminEvents()).filter((e) => e.type === 'ProjectionReplayRequested.v1').slice(-1);
    expect(requested!.data).toMatchObject({ projection: 'activity', fromPosition: 0, fromTime: events[0]!.recordedAt, reason: null });
  });

  it('refuses bad requests and impossible operations with their codes, recording nothing', async () => {
    // The previous test's swap is recorded just after the swap (a write commits with whatever
    // else arrives in that turn): wait for that record, so that it is not counted here.
    for (let tries = 0; (await adminEvents()).at(-1)?.type !== 'ProjectionSwapped.v1'; tries++) {
      if (tries > 500) throw new Error('the previous swap was never recorded');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const before = (await adminEvents()).length;
    const replay = (name: string, body: object) => ledger.http().post(`/admin/projections/${name}/replay`).set(auth).send(body);
    expect((await replay('activity', {}).expect(400)).body).toMatchObject({ field: 'fromPosition' });
    expect((await replay('activity', { fromPosition: '1', fromTime: '2025-01-01' }).expect(400)).body).toMatchObject({ field: 'fromPosition' });
    expect((await replay('activity', { fromPosition: '-1' }).expect(400)).body).toMatchObject({ field: 'fromPosition' });
    expect((await replay('activity', { fromTime: 'yesterday' }).expect(400)).body).toMatchObject({ field: 'fromTime' });
    expect((await replay('activity', { fromPosition: '1', extra: true }).expect(400)).body).toMatchObject({ field: 'extra' });
    expect((await replay('activity', { fromPosition: String(head + 5) }).expect(400)).body).toMatchObject({ code: 'PROJECTION.REPLAY_FROM_AHEAD' });
    expect((await replay('deal-state', { fromPosition: '1' }).expect(409)).body).toMatchObject({ code: 'PROJECTION.REPLAY_UNSUPPORTED' });
    const tooLong = await ledger.http().post('/admin/projections/deal-state/rebuild').set(auth).send({ reason: 'x'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect((await adminEvents()).slice(before).map((e) => e.type)).toEqual([]);
  });

  it('accepts a rebuild request with no body at all', async () => {
    const swapped = ledger.runtime.runner.whenSwapped('deal-state');
    const answer = await ledger.http().post('/admin/projections/deal-state/rebuild').set(auth).expect(202);
    expect(answer.body.operation).toMatchObject({ kind: 'rebuild', projection: 'deal-state', reason: null });
    expect((await swapped).comparison.identical).toBe(true);
  });
});
