import { Ajv } from 'ajv';
import { EVENT_ENVELOPE_SCHEMA, PUBLISHED_EVENT_DEFINITIONS, dealEventSchemaDocument, toStoredEvent } from '#domain';
import type { LedgerEvent } from '#client';
import { bearer, tempDataDir, WRITER_KEY } from '../support/test-ledger.js';
import { appendLoad, registration } from './support/load.js';
import { openRawStream, until } from './support/raw-sse.js';
import { startStreamingLedger, type StreamingLedger } from './support/streaming-ledger.js';
import { streamingLedgerPerSuite } from './support/streaming-ledger-per-suite.js';

const ajv = new Ajv({ strict: true, allErrors: true });
const envelopeValid = ajv.compile(EVENT_ENVELOPE_SCHEMA);
const dataValid = new Map(PUBLISHED_EVENT_DEFINITIONS.map((d) => [d.type, ajv.compile(dealEventSchemaDocument(d))]));

const metadata = { actor: 'seed', commandId: 'c', correlationId: 'c', causationId: 'c' };

describe('GET /subscriptions/events (Server-Sent Events)', () => {
  let ledger: StreamingLedger;
  streamingLedgerPerSuite((started) => (ledger = started));

  it('streams history, then live events, in position order, each with its cursor as the SSE id', async () => {
    const history = await appendLoad(ledger.runtime.store, { events: 30, writers: 3, batch: 4, prefix: 'seam' });
    const stream = await openRawStream(`${ledger.url}/subscriptions/events?from=start&dealId=seam-0,seam-1,seam-2`);
    const live = await appendLoad(ledger.runtime.store, { events: 30, writers: 3, batch: 4, prefix: 'seam' });
    await until(() => stream.messages.length >= 60, 10_000, '60 events');
    stream.destroy();

    const ids = stream.messages.map((m) => Number(m.id));
    expect(ids).toEqual([...history, ...live]);
    const envelopes = stream.messages.map((m) => JSON.parse(m.data) as LedgerEvent);
    expect(envelopes.map((e) => e.position)).toEqual(stream.messages.map((m) => m.id));
    expect(envelopes[0]).toMatchObject({ type: 'DealRegistered.v2', streamId: 'deal-seam-0', dealId: 'seam-0', revision: 0 });
    for (const envelope of envelopes) {
      expect(envelopeValid(envelope) ? [] : envelopeValid.errors).toEqual([]);
      const validate = dataValid.get(envelope.type)!;
      expect(validate(envelope.data) ? [] : validate.errors).toEqual([]);
    }
  });

  it('starts after a cursor (`from`), and `Last-Event-ID` wins over `from`', async () => {
    const positions = await appendLoad(ledger.runtime.store, { events: 10, writers: 1, batch: 10, prefix: 'resume' });
    const filter = 'dealId=resume-0';
    const fromCursor = await openRawStream(`${ledger.url}/subscriptions/events?${filter}&from=${positions[4]}`);
    await until(() => fromCursor.messages.length >= 5);
    expect(fromCursor.messages.map((m) => Number(m.id))).toEqual(positions.slice(5));
    fromCursor.destroy();

    const resumed = await openRawStream(`${ledger.url}/subscriptions/events?${filter}&from=start`, { 'Last-Event-ID': String(positions[7]) });
    await until(() => resumed.messages.length >= 2);
    expect(resumed.messages.map((m) => Number(m.id))).toEqual(positions.slice(8));
    resumed.destroy();
  });

  it('from=end sends only what is appended after the connection', async () => {
    await appendLoad(ledger.runtime.store, { events: 5, writers: 1, batch: 5, prefix: 'tail' });
    const stream = await openRawStream(`${ledger.url}/subscriptions/events?from=end&dealId=tail-0,tail2-0`);
    const after = await appendLoad(ledger.runtime.store, { events: 3, writers: 1, batch: 3, prefix: 'tail2' });
    await until(() => stream.messages.length >= 3);
    expect(stream.messages.map((m) => Number(m.id))).toEqual(after);
    stream.destroy();
  });

  it('filters by event type and deal id, all criteria together', async () => {
    await appendLoad(ledger.runtime.store, { events: 12, writers: 2, batch: 3, prefix: 'filter' });
    const stream = await openRawStream(`${ledger.url}/subscriptions/events?type=DealRegistered.v2&dealId=filter-1&category=deal`);
    await until(() => stream.messages.length >= 1);
    // Nothing else matches: a second registration of another deal proves the stream is live and filtered.
    await ledger.runtime.store.append('deal-filter-2', [{ eventId: crypto.randomUUID(), ...toStoredEvent(registration('filter-2')), metadata }], 'no_stream');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.messages.map((m) => JSON.parse(m.data).dealId)).toEqual(['filter-1']);
    stream.destroy();
  });

  it('offers party events, named by their party, to a stream that asks for none in particular or for the party category, type or id', async () => {
    const source = { publisher: 'GLEIF', tier: 'primary' };
    const post = (path: string, body: object) => ledger.http().post(path).set(ledger.auth).send({ source, reportedAt: '2025-04-02', ...body }).expect(201);
    const everything = await openRawStream(`${ledger.url}/subscriptions/events?from=end`);
    const dealsOnly = await openRawStream(`${ledger.url}/subscriptions/events?from=end&category=deal`);
    await post('/parties', { partyId: 'streamed', name: 'Iwatani', kind: 'company', lei: '506700GE1G29325QX363' });
    await post('/parties/streamed/renames', { name: 'Iwatani Corporation', effectiveAt: '2025-04-01' });
    await post('/parties', { partyId: 'other', name: 'Other', kind: 'company' });
    await until(() => everything.messages.length >= 3);

    const envelopes = everything.messages.map((m) => JSON.parse(m.data) as LedgerEvent);
    expect(envelopes.map((e) => [e.type, e.streamId, 'partyId' in e ? e.partyId : undefined, 'dealId' in e])).toEqual([
      ['PartyRegistered.v1', 'party-streamed', 'streamed', false],
      ['PartyRenamed.v1', 'party-streamed', 'streamed', false],
      ['PartyRegistered.v1', 'party-other', 'other', false],
    ]);
    for (const envelope of envelopes) {
      expect(envelopeValid(envelope) ? [] : envelopeValid.errors).toEqual([]);
      const validate = dataValid.get(envelope.type)!;
      expect(validate(envelope.data) ? [] : validate.errors).toEqual([]);
    }
    const received = async (query: string, count: number) => {
      const stream = await openRawStream(`${ledger.url}/subscriptions/events?from=start&${query}`);
      await until(() => stream.messages.length >= count);
      await new Promise((resolve) => setTimeout(resolve, 200));
      stream.destroy();
      return stream.messages.map((m) => JSON.parse(m.data)).map((e: LedgerEvent) => `${e.type} ${e.streamId}`);
    };
    expect(await received('category=party&partyId=streamed', 2)).toEqual(['PartyRegistered.v1 party-streamed', 'PartyRenamed.v1 party-streamed']);
    expect(await received('type=PartyRenamed.v1', 1)).toEqual(['PartyRenamed.v1 party-streamed']);
    expect(await received('category=party&type=PartyRegistered.v1', 2)).toEqual(['PartyRegistered.v1 party-streamed', 'PartyRegistered.v1 party-other']);
    expect(dealsOnly.messages).toEqual([]);
    everything.destroy();
    dealsOnly.destroy();
  });

  it('delivers an event stored as OfftakeSigned.v1 as OfftakeSigned.v3, saying what was stored', async () => {
    const offtakeV1 = {
      buyers: ['p'],
      seller: 'p',
      products: ['oxide'],
      share: { figureId: 'share', value: { measure: { kind: 'percentage' }, qualifier: 'about', amount: '50' }, source: { publisher: 'Wire', tier: 'primary' }, reportedAt: '2024-05-01' },
      term: 'long-term',
    };
    await ledger.runtime.store.append(
      'deal-old-offtake',
      [
        { eventId: crypto.randomUUID(), ...toStoredEvent(registration('old-offtake')), metadata },
        { eventId: crypto.randomUUID(), type: 'OfftakeSigned.v1', data: offtakeV1, metadata },
      ],
      'no_stream',
    );
    const stream = await openRawStream(`${ledger.url}/subscriptions/events?type=OfftakeSigned.v3&dealId=old-offtake`);
    await until(() => stream.messages.length >= 1);
    stream.destroy();
    const envelope = JSON.parse(stream.messages[0]!.data);
    expect(envelope).toMatchObject({
      type: 'OfftakeSigned.v3',
      storedType: 'OfftakeSigned.v1',
      data: { term: { figureId: 'share.term', value: { measure: { kind: 'text' }, qualifier: 'exact', text: 'long-term' }, reportedAt: '2024-05-01' } },
    });
    expect(dataValid.get('OfftakeSigned.v3')!(envelope.data)).toBe(true);

    // Naming the old version selects the same events, delivered in the new shape.
    const byOldName = await openRawStream(`${ledger.url}/subscriptions/events?type=OfftakeSigned.v1&dealId=old-offtake`);
    await until(() => byOldName.messages.length >= 1);
    byOldName.destroy();
    expect(JSON.parse(byOldName.messages[0]!.data).type).toBe('OfftakeSigned.v3');
  });

  it('keeps an idle connection alive with heartbeat comments', async () => {
    const stream = await openRawStream(`${ledger.url}/subscriptions/events?from=end&dealId=nobody`);
    await until(() => stream.parser.comments >= 3, 10_000, 'three heartbeats');
    expect(stream.messages).toEqual([]);
    stream.destroy();
  });

  it.each([
    ['type=Nope.v1', 'SUBSCRIPTION.UNKNOWN_EVENT_TYPE', 'type'],
    ['category=ledger', 'SUBSCRIPTION.UNKNOWN_CATEGORY', 'category'],
    ['dealId=bad/id', 'ID.INVALID', 'dealId'],
    ['partyId=bad/id', 'ID.INVALID', 'partyId'],
    ['from=yesterday', 'REQUEST.INVALID_CURSOR', 'from'],
    ['limit=5', 'REQUEST.VALIDATION_FAILED', 'limit'],
  ])('refuses %s with a 4xx that names the field, before streaming', async (query, code, field) => {
    const response = await fetch(`${ledger.url}/subscriptions/events?${query}`, { headers: bearer(WRITER_KEY) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code, field });
  });

  it.each(['abc', '999999999'])('refuses a Last-Event-ID this ledger did not issue (%s): resuming after it would skip events', async (cursor) => {
    const response = await fetch(`${ledger.url}/subscriptions/events`, { headers: { ...bearer(WRITER_KEY), 'Last-Event-ID': cursor } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'REQUEST.INVALID_CURSOR', field: 'Last-Event-ID' });
  });
});

describe('GET /deals/:dealId/events?follow=true', () => {
  let ledger: StreamingLedger;
  streamingLedgerPerSuite((started) => (ledger = started));

  it("streams one deal's events, history then live, and pages as before without follow", async () => {
    await appendLoad(ledger.runtime.store, { events: 4, writers: 2, batch: 2, prefix: 'one' });
    const stream = await openRawStream(`${ledger.url}/deals/one-1/events?follow=true`);
    await until(() => stream.messages.length >= 2);
    await appendLoad(ledger.runtime.store, { events: 4, writers: 2, batch: 2, prefix: 'one' });
    await until(() => stream.messages.length >= 4);
    stream.destroy();
    expect(stream.messages.map((m) => JSON.parse(m.data).dealId)).toEqual(['one-1', 'one-1', 'one-1', 'one-1']);

    const page = await ledger.http().get('/deals/one-1/events').expect(200);
    expect(page.body.events.map((e: { position: string }) => e.position)).toEqual(stream.messages.map((m) => m.id));
  });

  it('answers 404 for a deal that does not exist, and refuses paging parameters with follow', async () => {
    const missing = await fetch(`${ledger.url}/deals/no-such-deal/events?follow=true`, { headers: bearer(WRITER_KEY) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'DEAL.NOT_FOUND' });
    const paged = await fetch(`${ledger.url}/deals/one-1/events?follow=true&limit=5`, { headers: bearer(WRITER_KEY) });
    expect(paged.status).toBe(400);
    expect(await paged.json()).toMatchObject({ field: 'limit' });
  });
});

describe('shutting down with streams open', () => {
  it('ends each stream with `event: end` and reason shutdown, and closes promptly', async () => {
    const data = tempDataDir();
    const ledger = await startStreamingLedger({ dataDir: data.dir });
    const streams = await Promise.all([1, 2, 3].map(() => openRawStream(`${ledger.url}/subscriptions/events`)));
    await ledger.close();
    await Promise.all(streams.map((s) => s.ended));
    for (const stream of streams) {
      expect(stream.messages.at(-1)).toMatchObject({ event: 'end' });
      expect(JSON.parse(stream.messages.at(-1)!.data)).toMatchObject({ reason: 'shutdown' });
    }
    data.remove();
  });
});
