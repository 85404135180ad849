import type { LedgerEvent } from '#client';
import { appendLoad } from './support/load.js';
import { until } from './support/raw-sse.js';
import type { StreamingLedger } from './support/streaming-ledger.js';
import { streamingLedgerPerSuite } from './support/streaming-ledger-per-suite.js';

describe('durable subscriptions over HTTP', () => {
  let ledger: StreamingLedger;
  streamingLedgerPerSuite((started) => (ledger = started));

  it('a consumer that nacks one event: it is retried, then parked; the rest flow on; an admin replays it', async () => {
    const positions = await appendLoad(ledger.runtime.store, { events: 40, writers: 2, batch: 5, prefix: 'nack' });
    const poison = String(positions[17]);
    const client = ledger.client();
    await client.durable.create({ name: 'risk', filter: { dealIds: ['nack-0', 'nack-1'] }, maxRetries: 2 });

    const deliveries: { position: string; attempt: number; replay: boolean }[] = [];
    let refuse = true;
    const consumer = client.durable.consume('risk', {
      handler: (event: LedgerEvent) => {
        deliveries.push({ position: event.position, attempt: event.delivery!.attempt, replay: event.delivery!.replay });
        if (event.position === poison && refuse) throw new Error('risk model rejected it');
      },
    });

    await until(() => new Set(deliveries.map((d) => d.position)).size >= positions.length, 10_000, 'every event delivered');
    await until(async () => (await client.durable.get('risk')).checkpoint === String(positions.at(-1)), 10_000, 'the checkpoint at the end');
    const ofPoison = deliveries.filter((d) => d.position === poison);
    expect(ofPoison.map((d) => d.attempt)).toEqual([1, 2, 3]);
    expect(deliveries.filter((d) => d.position !== poison).map((d) => d.position)).toEqual(positions.filter((p) => String(p) !== poison).map(String));

    const parked = await client.durable.parked('risk');
    expect(parked).toMatchObject([{ position: poison, attempts: 3, reason: 'risk model rejected it', event: { position: poison } }]);
    expect(await client.durable.get('risk')).toMatchObject({ parked: 1, connected: true, checkpoint: String(positions.at(-1)) });

    refuse = false;
    expect(await client.durable.replay('risk')).toBe(1);
    await until(() => deliveries.some((d) => d.replay), 10_000, 'the replay');
    expect(deliveries.filter((d) => d.replay)).toEqual([{ position: poison, attempt: 1, replay: true }]);
    await until(async () => (await client.durable.parked('risk')).length === 0, 10_000, 'the replayed event acked');
    await consumer.stop();
  });

  it('creates idempotently, refuses a different definition under a taken name, lists and deletes', async () => {
    const client = ledger.client();
    const first = await client.durable.create({ name: 'reports', filter: { types: ['FigureRevised.v2'] }, from: 'end' });
    const again = await client.durable.create({ name: 'reports', filter: { types: ['FigureRevised.v2'] }, from: 'end' });
    expect(again).toEqual(first);
    await expect(client.durable.create({ name: 'reports', filter: { types: ['FigureCorrected.v2'] } })).rejects.toMatchObject({
      status: 409,
      code: 'SUBSCRIPTION.ALREADY_EXISTS',
    });
    expect((await client.durable.list()).map((s) => s.name)).toEqual(expect.arrayContaining(['reports', 'risk']));
    await client.durable.delete('reports');
    await expect(client.durable.get('reports')).rejects.toMatchObject({ status: 404, code: 'SUBSCRIPTION.NOT_FOUND' });
  });

  it('delivers party events to a subscription of the party category, and names its categories when it was given none', async () => {
    const client = ledger.client();
    const parties = await client.durable.create({ name: 'parties', filter: { categories: ['party'], partyIds: ['durable-party'] } });
    expect(parties.filter).toEqual({ categories: ['party'], partyIds: ['durable-party'] });
    const everything = await client.durable.create({ name: 'everything', from: 'end' });
    expect(everything.filter).toEqual({ categories: ['deal', 'party', 'records'] });
    await client.durable.delete('everything');

    const source = { publisher: 'GLEIF', tier: 'primary' };
    await ledger.http().post('/parties').set(ledger.auth).send({ partyId: 'durable-party', name: 'Iwatani', kind: 'company', source, reportedAt: '2025-03-17' }).expect(201);
    await ledger.http().post('/parties/durable-party/renames').set(ledger.auth).send({ name: 'Iwatani Corporation', effectiveAt: '2025-04-01', source, reportedAt: '2025-04-02' }).expect(201);
    const received: LedgerEvent[] = [];
    const consumer = client.durable.consume('parties', { handler: (event) => void received.push(event) });
    await until(() => received.length >= 2, 10_000, 'the two party events');
    await consumer.stop();
    expect(received.map((e) => [e.type, 'partyId' in e ? e.partyId : undefined])).toEqual([
      ['PartyRegistered.v1', 'durable-party'],
      ['PartyRenamed.v1', 'durable-party'],
    ]);
  });

  it.each([
    [{ name: 'bad/name' }, 'name'],
    [{ name: 'x', filter: { categories: ['parties'] } }, 'filter.categories'],
    [{ name: 'x', filter: { partyIds: ['a b'] } }, 'filter.partyIds'],
    [{ name: 'x', filter: { types: ['Nope.v1'] } }, 'filter.types'],
    [{ name: 'x', maxRetries: -1 }, 'maxRetries'],
    [{ name: 'x', from: 'yesterday' }, 'from'],
    [{ name: 'x', from: '999999999' }, 'from'],
    [{ name: 'x', extra: true }, 'extra'],
  ])('refuses %j with 400 naming %s, and creates nothing', async (body, field) => {
    const response = await ledger.http().post('/subscriptions/durable').set(ledger.auth).send(body);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
    const list = await ledger.http().get('/subscriptions/durable').expect(200);
    expect(list.body.items.map((s: { name: string }) => s.name)).not.toContain('x');
  });

  it('needs an API key to create, ack, nack, delete, or list and replay parked events', async () => {
    await ledger.anonymous().post('/subscriptions/durable').send({ name: 'anon' }).expect(401);
    await ledger.anonymous().post('/subscriptions/durable/risk/ack').send({ cursors: ['1'] }).expect(401);
    await ledger.anonymous().post('/subscriptions/durable/risk/nack').send({ cursor: '1' }).expect(401);
    await ledger.anonymous().delete('/subscriptions/durable/risk').expect(401);
    await ledger.anonymous().get('/subscriptions/durable/risk/parked').expect(401);
    await ledger.anonymous().post('/subscriptions/durable/risk/parked/replay').send({}).expect(401);
  });

  it('a nack of an event not in flight answers 409; a second consumer replaces the first, which is told why', async () => {
    const client = ledger.client();
    await client.durable.create({ name: 'solo', filter: { dealIds: ['nack-0'] } });
    const nack = await ledger.http().post('/subscriptions/durable/solo/nack').set(ledger.auth).send({ cursor: '1' });
    expect(nack.status).toBe(409);
    expect(nack.body.code).toBe('SUBSCRIPTION.NOT_CONNECTED');

    const first = client.durable.consume('solo', { handler: () => undefined });
    await until(async () => (await client.durable.get('solo')).connected, 10_000, 'the first consumer');
    const second = client.durable.consume('solo', { handler: () => undefined });
    await expect(first.done).rejects.toMatchObject({ name: 'StreamEndedError', reason: 'replaced' });
    await second.stop();
  });
});
