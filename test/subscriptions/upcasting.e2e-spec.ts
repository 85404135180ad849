import { randomUUID } from 'node:crypto';
import { toStoredEvent } from '#domain';
import { registration } from './support/load.js';
import { openRawStream, until } from './support/raw-sse.js';
import type { StreamingLedger } from './support/streaming-ledger.js';
import { streamingLedgerPerSuite } from './support/streaming-ledger-per-suite.js';

const metadata = (id: string) => ({ actor: 'before-v2', commandId: id, correlationId: id, causationId: id });

/** A stream written before OfftakeSigned.v2 existed: the stored v1 stays as it is and reads as v3 everywhere. */
describe('an offtake recorded as OfftakeSigned.v1', () => {
  let ledger: StreamingLedger;
  streamingLedgerPerSuite((started) => (ledger = started));
  const offtakeV1 = {
    buyers: ['p'],
    seller: 'p',
    products: ['oxide'],
    share: {
      figureId: 'share',
      value: { measure: { kind: 'percentage' }, qualifier: 'about', amount: '50' },
      source: { publisher: 'Wire', tier: 'primary' },
      reportedAt: '2024-05-01',
    },
    term: 'long-term',
  };

  beforeAll(async () => {
    const [registered, offtake] = [randomUUID(), randomUUID()];
    await ledger.runtime.store.append(
      'deal-legacy',
      [
        { eventId: registered, ...toStoredEvent(registration('legacy')), metadata: metadata(registered) },
        { eventId: offtake, type: 'OfftakeSigned.v1', data: offtakeV1, metadata: metadata(offtake) },
      ],
      'no_stream',
    );
    await ledger.runtime.runner.catchUp();
  });

  it('shows its term as a figure of the deal in the read model', async () => {
    const deal = (await ledger.http().get('/deals/legacy').expect(200)).body;
    expect(deal.figures.map((f: { figureId: string; fact: string }) => [f.figureId, f.fact])).toEqual([
      ['share', 'offtake.share'],
      ['share.term', 'offtake.term'],
    ]);
    expect(deal.figures[1]).toMatchObject({ display: 'long-term', reportedAt: '2024-05-01', source: { publisher: 'Wire' }, status: 'current' });
  });

  it('lets the term be revised by its derived id, like a term recorded as v2', async () => {
    await ledger
      .http()
      .post('/deals/legacy/figures/share.term/revisions')
      .set(ledger.auth)
      .send({ value: { measure: { kind: 'text' }, qualifier: 'exact', text: 'ten years' }, source: { publisher: 'Wire', tier: 'primary' }, reportedAt: '2025-01-10' })
      .expect(201);
    const deal = (await ledger.http().get('/deals/legacy').expect(200)).body;
    expect(deal.figures.find((f: { figureId: string }) => f.figureId === 'share.term')).toMatchObject({ display: 'ten years', status: 'revised' });
  });

  it('keeps the stored event as written, and delivers it to subscribers as v3', async () => {
    const stored = (await ledger.http().get('/deals/legacy/events').expect(200)).body.events[1];
    expect(stored).toMatchObject({ type: 'OfftakeSigned.v1', data: offtakeV1 });

    const stream = await openRawStream(`${ledger.url}/deals/legacy/events?follow=true`);
    await until(() => stream.messages.length >= 3);
    stream.destroy();
    expect(stream.messages.map((m) => JSON.parse(m.data).type)).toEqual(['DealRegistered.v2', 'OfftakeSigned.v3', 'FigureRevised.v2']);
    expect(JSON.parse(stream.messages[1]!.data)).toMatchObject({ storedType: 'OfftakeSigned.v1', data: { term: { figureId: 'share.term' } } });
  });
});
