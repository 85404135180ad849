import { Ajv } from 'ajv';
import type { LedgerEvent, LedgerEventOf } from '#client';
import { smallDeal, percentageMetric } from '../support/small-deal.js';
import { openRawStream, until, type RawStream } from './support/raw-sse.js';
import type { StreamingLedger } from './support/streaming-ledger.js';
import { streamingLedgerPerSuite } from './support/streaming-ledger-per-suite.js';

type Json = Record<string, any>;

/**
 * The records category: after an admin erases a name, every subscriber that received it (in
 * the events of the deals that named it) receives `PersonalDataErased.v1`, which tells it
 * which events to read again, and holds no name itself.
 */
const NAME = 'Kaori Tanaka';
const DEAL = 'records-feed';
const REASON = 'GDPR Art. 17 request 2026-077';

describe('records events: an erasure reaches subscribers', () => {
  let ledger: StreamingLedger;
  streamingLedgerPerSuite((started) => (ledger = started));
  const ajv = new Ajv({ strict: true, allErrors: true });
  const streams: RawStream[] = [];
  const open = async (query: string) => {
    const stream = await openRawStream(`${ledger.url}/subscriptions/events${query}`);
    streams.push(stream);
    return stream;
  };
  const envelopes = (stream: RawStream): Json[] => stream.messages.map((message) => JSON.parse(message.data) as Json);
  const erasuresIn = (stream: RawStream) => envelopes(stream).filter((envelope) => envelope.type === 'PersonalDataErased.v1');

  afterAll(() => streams.forEach((stream) => stream.destroy()));

  it('delivers PersonalDataErased.v1, without the name, to category=records, to everything and to its type; never to a deal filter', async () => {
    const records = await open('?category=records');
    const everything = await open('');
    const byType = await open('?type=PersonalDataErased.v1');
    const ofDeal = await open(`?dealId=${DEAL}`);
    const facts = await open('?category=deal,party');
    const deal = { ...smallDeal(DEAL), source: { publisher: 'Reuters', tier: 'primary', attribution: NAME } };
    await ledger.http().post('/deals').send(deal).expect(201);
    await until(() => everything.messages.some((message) => message.data.includes(NAME)), 10_000, 'the deal, its source named');
    const [registered] = envelopes(everything);

    const [{ subject }] = (await ledger.http().get('/admin/personal-data?name=tanaka').expect(200)).body.items;
    const erasure = (await ledger.http().post('/admin/personal-data/erasures').send({ subject, reason: REASON }).expect(201)).body;
    // Appended after the erasure: a deal filter has seen everything before it once this arrives.
    await ledger.http().post(`/deals/${DEAL}/metrics`).send(percentageMetric('after-erasure', '1')).expect(201);
    await until(() => records.messages.length >= 1 && erasuresIn(everything).length >= 1 && byType.messages.length >= 1, 10_000, 'the erasure');
    await until(() => ofDeal.messages.length >= 2 && facts.messages.length >= 2, 10_000, 'the metric after the erasure');

    const [delivered] = envelopes(records);
    expect(delivered).toEqual({
      position: expect.any(String),
      eventId: erasure.erasureId,
      streamId: 'records-personal-data',
      revision: 0,
      type: 'PersonalDataErased.v1',
      data: { subject, reason: REASON, streams: [`deal-${DEAL}`], eventIds: [registered!.eventId] },
      recordedAt: erasure.erasedAt,
      metadata: expect.objectContaining({ actor: 'analyst-1' }),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(records.messages[0]!.data).not.toContain('Tanaka');
    // The same frame for whoever follows it, by category, by type or everything.
    expect(erasuresIn(everything)).toEqual([delivered]);
    expect(envelopes(byType)).toEqual([delivered]);
    expect(records.messages[0]!.id).toBe(delivered!.position);
    // Records events name no deal: a deal filter, or the fact categories, never deliver one.
    expect(envelopes(ofDeal).map((envelope) => envelope.type)).toEqual(['DealRegistered.v2', 'MetricReported.v2']);
    expect(envelopes(facts).map((envelope) => envelope.type)).toEqual(['DealRegistered.v2', 'MetricReported.v2']);

    // What it tells the subscriber to read again no longer holds the name.
    const reread = (await ledger.http().get(`/deals/${DEAL}/events`).expect(200)).text;
    expect(reread).not.toContain('Tanaka');
    expect(reread).toContain(`under ${REASON}`);
  });

  it('publishes its schema at /schemas and /asyncapi.json, and the delivered event matches them and the envelope schema', async () => {
    const index = (await ledger.http().get('/schemas').expect(200)).body;
    expect(index.events).toContainEqual(expect.objectContaining({ type: 'PersonalDataErased.v1', name: 'PersonalDataErased', version: 1, status: 'current' }));
    const schema = (await ledger.http().get('/schemas/PersonalDataErased.v1').expect(200)).body;
    expect(schema).toMatchObject({ $id: 'urn:deal-ledger:event:PersonalDataErased.v1', title: 'PersonalDataErased.v1', required: ['subject', 'reason', 'streams', 'eventIds'] });
    const envelopeSchema = (await ledger.http().get('/schemas/envelope').expect(200)).body;
    const asyncApi = (await ledger.http().get('/asyncapi.json').expect(200)).body as Json;
    const message = asyncApi.components.messages['PersonalDataErased.v1'];
    expect(message.payload.properties.dealId).toBeUndefined();
    expect(message.payload.properties.partyId).toBeUndefined();

    const [delivered] = erasuresIn(streams[0]!);
    const validData = ajv.compile(schema);
    expect(validData(delivered!.data) ? null : validData.errors).toBeNull();
    const validEnvelope = ajv.compile(envelopeSchema);
    expect(validEnvelope(delivered) ? null : validEnvelope.errors).toBeNull();
    // A name in the payload, or a deal id on the envelope, is not a PersonalDataErased.v1.
    expect(validData({ ...delivered!.data, name: NAME })).toBe(false);
    expect(validData({ ...delivered!.data, subject: NAME })).toBe(false);
    expect(validEnvelope({ ...delivered, dealId: DEAL })).toBe(false);
  });

  it("types the client's records events: narrowing on the type gives the erasure's data", async () => {
    const received: LedgerEventOf<'PersonalDataErased.v1'>[] = [];
    const subscription = ledger.client().subscribe({
      filter: { categories: ['records'] },
      handler: (event: LedgerEvent) => {
        if (event.type === 'PersonalDataErased.v1') received.push(event);
      },
    });
    await until(() => received.length >= 1, 10_000, 'the erasure');
    await subscription.stop();
    const [{ data, streamId }] = received as [LedgerEventOf<'PersonalDataErased.v1'>];
    expect({ streams: data.streams, eventIds: data.eventIds.length, streamId }).toEqual({ streams: [`deal-${DEAL}`], eventIds: 1, streamId: 'records-personal-data' });
  });

  it('delivers it to a durable subscription of the records category, as any event to settle', async () => {
    const created = await ledger.http().post('/subscriptions/durable').send({ name: 'forget-names', filter: { categories: ['records'] }, from: 'start' }).expect(201);
    expect(created.body.filter).toEqual({ categories: ['records'] });
    const durable = await openRawStream(`${ledger.url}/subscriptions/durable/forget-names/events`);
    streams.push(durable);
    await until(() => durable.messages.length >= 1, 10_000, 'the erasure, durably');
    const [delivery] = envelopes(durable);
    expect(delivery).toMatchObject({ type: 'PersonalDataErased.v1', streamId: 'records-personal-data', delivery: { attempt: 1, replay: false } });
    expect(delivery).not.toHaveProperty('dealId');
    const acked = await ledger.http().post('/subscriptions/durable/forget-names/ack').send({ cursors: [delivery!.position] }).expect(200);
    expect(acked.body.checkpoint).toBe(delivery!.position);
  });

  it('names the records category among the published ones when a filter names an unknown one', async () => {
    const refused = await ledger.http().get('/subscriptions/events?category=admin').expect(400);
    expect(refused.body).toMatchObject({ code: 'SUBSCRIPTION.UNKNOWN_CATEGORY', field: 'category' });
    expect(refused.body.message).toContain('deal, party, records');
  });
});
