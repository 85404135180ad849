import { ControlledClock } from '#testing';
import { laterHypotheticalLines, REFERENCE_DEAL_ID, referenceDealLines, routeOf, type SeedLine } from '../support/reference-deal.js';
import type { TestLedger } from '../support/test-ledger.js';
import { useApiLedger } from './support/api-ledger.js';

/**
 * The scenario's four questions, answered over HTTP with their evidence. The facts are
 * recorded on the day they were reported (2025-03-17) and each hypothetical later event
 * on its own date, so "on record at" has real answers.
 */
describe('the audit trail of the reference deal', () => {
  const clock = new ControlledClock('2025-03-17T12:00:00.000Z');
  const file = useApiLedger({ clock: clock.now });
  let ledger: TestLedger;

  const record = async (line: SeedLine) => {
    await ledger.http().post(routeOf(line)).set(ledger.auth).set('Idempotency-Key', line.commandId!).send(line.body).expect(201);
  };
  const deal = async (query = '') => (await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}${query}`).expect(200)).body;
  const figureOf = (body: { figures: { figureId: string }[] }, figureId: string) =>
    body.figures.find((f) => f.figureId === figureId) as Record<string, any> | undefined;

  beforeAll(async () => {
    ledger = file.current;
    for (const line of referenceDealLines()) {
      clock.advance(60_000);
      await record(line);
    }
    const recordedOn: Record<string, string> = {
      'caremag-2025-later-1': '2025-06-02T09:00:00.000Z',
      'caremag-2025-later-2': '2025-09-15T09:00:00.000Z',
      'caremag-2025-later-3': '2025-09-20T09:00:00.000Z',
      'caremag-2025-later-4': '2026-01-24T09:00:00.000Z',
    };
    for (const line of laterHypotheticalLines()) {
      clock.set(recordedOn[line.commandId!]!);
      await record(line);
    }
    // "Now", for the server: the moments the tests ask about are past.
    clock.set('2026-03-02T09:00:00.000Z');
  });

  it('answers what the investment amount is now, and what it was on record on 2025-08-01', async () => {
    const now = figureOf(await deal(), 'investment-amount')!;
    expect(now).toMatchObject({ status: 'revised', display: 'EUR 95,000,000', value: { qualifier: 'exact', amount: '95000000' } });

    const then = await deal('?knownAt=2025-08-01');
    expect(figureOf(then, 'investment-amount')).toMatchObject({ status: 'current', value: { qualifier: 'up_to', amount: '110000000' } });
    expect(figureOf(then, 'stake-jogmec')).toMatchObject({ status: 'revised', change: 'disclosure', value: { amount: '30' } });
    expect(then.revision).toBe(12);
    // The answer names the position it was computed at; asking with it gives the same answer.
    const again = await deal(`?knownAt=${then.asOf.position}`);
    expect(again.figures).toEqual(then.figures);

    const before = await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}?knownAt=2025-03-16`);
    expect(before.status).toBe(404);
    expect(before.body.code).toBe('DEAL.NOT_ON_RECORD');
    // It says when the deal was first recorded, and which question a report's date answers.
    expect(before.body.details).toMatchObject({ position: 0, firstRecordedAt: (await deal()).registeredAt });
    expect(before.body.message).toContain('first recorded it at');
    expect(before.body.message).toContain('validAt');
  });

  it('tells the value in effect at a moment (valid time) apart from what was on record then', async () => {
    const inEffect = await deal('?validAt=2025-08-01');
    expect(figureOf(inEffect, 'investment-amount')!.value.amount).toBe('110000000');
    expect(figureOf(inEffect, 'capacity-dysprosium')!.value.amount).toBe('50');
    const knownThen = await deal('?knownAt=2025-08-01&validAt=2025-08-01');
    expect(figureOf(knownThen, 'capacity-dysprosium')!.value.amount).toBe('500');
  });

  it('lists every value the dysprosium capacity had, who recorded each and on which source', async () => {
    const body = (await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}/figures/capacity-dysprosium/history`).expect(200)).body;
    expect(body.entries.map((e: any) => [e.change, e.display, e.recordedBy, e.source.publisher, e.source.attribution])).toEqual([
      ['initial', '500 t', 'analyst-1', 'Reuters', 'a JOGMEC official'],
      ['correction', '50 t', 'analyst-1', 'Reuters', 'a JOGMEC official'],
    ]);
    expect(body.entries[1]).toMatchObject({
      changed: ['amount'],
      previousValue: { amount: '500' },
      reason: 'mis-keyed: the source said 50 t, not 500 t (hypothetical)',
      recordedAt: '2025-09-20T09:00:00.000Z',
      eventType: 'FigureCorrected.v2',
    });
  });

  it('separates corrections (record errors) from revisions (the world changed)', async () => {
    const ids = async (kind: string) =>
      (await ledger.http().get(`/audit/changes?kind=${kind}`).expect(200)).body.items.map((e: any) => e.figureId);
    expect(await ids('correction')).toEqual(['capacity-dysprosium']);
    expect(await ids('revision')).toEqual(['investment-amount', 'support-gov-fr']);
    expect(await ids('disclosure')).toEqual(['stake-jogmec']);

    const droppedQualifier = (await ledger.http().get('/audit/changes?qualifierChanged=true').expect(200)).body.items;
    expect(droppedQualifier.map((e: any) => [e.figureId, e.previousValue.qualifier, e.value.qualifier])).toEqual([
      ['stake-jogmec', 'undisclosed', 'exact'],
      ['investment-amount', 'up_to', 'exact'],
      ['support-gov-fr', 'about', 'exact'],
    ]);
    const late = (await ledger.http().get('/audit/changes?recordedLaterThanDays=30').expect(200)).body.items;
    expect(late.map((e: any) => e.figureId)).toEqual(['capacity-dysprosium']);
    const inPeriod = (await ledger.http().get('/audit/changes?recordedFrom=2025-09-01&recordedTo=2025-10-01').expect(200)).body.items;
    expect(inPeriod.map((e: any) => e.figureId)).toEqual(['investment-amount', 'capacity-dysprosium']);
  });

  it('diffs two moments field by field, each change with its cause', async () => {
    const diff = (await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}/diff?from=2025-08-01&to=2026-02-01`).expect(200)).body;
    const amount = diff.figures.find((f: any) => f.figureId === 'investment-amount');
    expect(amount.changes).toEqual([
      { field: 'qualifier', before: 'up_to', after: 'exact' },
      { field: 'amount', before: '110000000', after: '95000000' },
      { field: 'conversions', before: expect.any(Array), after: undefined },
      { field: 'source', before: expect.objectContaining({ publisher: 'JOGMEC and Iwatani Corporation' }), after: expect.objectContaining({ title: 'Press release on final investment terms (hypothetical)' }) },
      { field: 'reportedAt', before: '2025-03-17', after: '2025-09-15' },
      { field: 'effectiveAt', before: undefined, after: '2025-09-15' },
      { field: 'status', before: 'current', after: 'revised' },
    ]);
    expect(amount.causes.map((c: any) => [c.change, c.eventType])).toEqual([['revision', 'FigureRevised.v2']]);
    expect(diff.figures.map((f: any) => f.figureId).sort()).toEqual(['capacity-dysprosium', 'investment-amount', 'support-gov-fr']);
  });

  it('refuses malformed moments with a clear error', async () => {
    const bad = await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}?knownAt=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'REQUEST.INVALID_RECORD_POINT', field: 'knownAt' });
    const reversed = await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}/diff?from=2026-01-01&to=2025-01-01`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.code).toBe('AUDIT.RANGE_REVERSED');
  });

  describe('fixed points only (issue 13, item 7b)', () => {
    const head = async () => Number((await ledger.http().get('/health').expect(200)).body.head);
    const events = async () => (await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}/events?limit=1000`).expect(200)).body.events.length;

    it('refuses a position beyond the head of the log, naming the field, and writes nothing to the deal', async () => {
      const [before, eventsBefore] = [await deal(), await events()];
      // Each audit read is logged in the store (the access log), which moves the head on: ask it each time.
      const beyondHead = async () => (await head()) + 1;
      for (const [query, field] of [
        [async () => `?knownAt=${await beyondHead()}`, 'knownAt'],
        [async () => '?knownAt=99999&validAt=2025-08-01', 'knownAt'],
        [async () => `/diff?from=1&to=${await beyondHead()}`, 'to'],
        [async () => `/diff?from=99999&to=${await beyondHead()}`, 'from'],
      ] as const) {
        const refused = await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}${await query()}`);
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ code: 'AUDIT.KNOWN_AT_BEYOND_HEAD', field });
      }
      expect(await deal()).toEqual(before);
      expect(await events()).toBe(eventsBefore);
    });

    it('refuses an instant that is not yet past by the server clock, naming the field', async () => {
      for (const knownAt of ['2030-01-01', '2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00+01:00']) {
        const refused = await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}?knownAt=${encodeURIComponent(knownAt)}`);
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ code: 'AUDIT.KNOWN_AT_IN_FUTURE', field: 'knownAt', details: { now: '2026-03-02T09:00:00.000Z' } });
      }
      const diff = await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}/diff?from=2025-08-01&to=2030-01-01`);
      expect(diff.status).toBe(400);
      expect(diff.body).toMatchObject({ code: 'AUDIT.KNOWN_AT_IN_FUTURE', field: 'to' });
      // A millisecond before now is past: fixed.
      await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}?knownAt=2026-03-02T08:59:59.999Z`).expect(200);
      // A recorded-time filter is a range, not a moment: it may stay open-ended.
      await ledger.http().get('/audit/changes?recordedFrom=2025-09-01&recordedTo=2030-01-01').expect(200);
    });

    it('answers the same at the head and at a past instant after later writes, byte for byte', async () => {
      const atHead = `?knownAt=${await head()}`;
      const byTime = '?knownAt=2026-03-01';
      const [first, firstByTime] = [await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}${atHead}`).expect(200), await deal(byTime)];
      clock.set('2026-03-02T10:00:00.000Z');
      await ledger.http().post(`/deals/${REFERENCE_DEAL_ID}/notes`).send({
        noteId: 'later-note', text: 'A note recorded after the moments asked about (hypothetical)',
        source: { publisher: 'Reuters', tier: 'secondary' }, reportedAt: '2026-03-02',
      }).expect(201);
      clock.set('2026-03-02T11:00:00.000Z');
      expect((await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}${atHead}`).expect(200)).text).toBe(first.text);
      expect(await deal(byTime)).toEqual(firstByTime);
      expect((await deal()).notes.map((n: { noteId: string }) => n.noteId)).toContain('later-note');
    });
  });

  describe('one answer shape, now and as on record at the head (issue 13, item 7a)', () => {
    it('gives the same figures, a retracted one included, with its withdrawn report\'s source and date', async () => {
      clock.set('2026-03-03T09:00:00.000Z');
      await ledger.http().post(`/deals/${REFERENCE_DEAL_ID}/figures/capacity-terbium/retractions`).send({
        reason: 'the refinery plan no longer includes terbium (hypothetical)',
        source: { publisher: 'Caremag', title: 'Update (hypothetical)', tier: 'primary' },
        reportedAt: '2026-03-02',
      }).expect(201);
      clock.set('2026-03-04T09:00:00.000Z');
      const nowAnswer = await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}`).expect(200);
      const now = nowAnswer.body;
      expect(nowAnswer.headers.etag).toBe(`"${now.revision}"`);
      const atLastEvent = await deal(`?knownAt=${now.position}`);
      const { asOf, ...sameDeal } = atLastEvent;
      expect(asOf).toEqual({ position: now.position });
      expect(JSON.stringify(sameDeal)).toBe(JSON.stringify(now));

      const terbium = figureOf(now, 'capacity-terbium')!;
      expect(terbium).toMatchObject({
        status: 'retracted',
        change: 'retraction',
        reason: 'the refinery plan no longer includes terbium (hypothetical)',
        reportedAt: '2025-03-17',
        recordedAt: '2026-03-03T09:00:00.000Z',
        position: expect.any(String),
        eventId: expect.any(String),
      });
      expect(terbium.source.publisher).not.toBe('Caremag');
      expect(Object.keys(terbium)).not.toEqual(expect.arrayContaining(['lastPosition', 'lastEventId', 'previousValue', 'changed']));
      // The retraction's own source and date stay in the figure's history.
      const history = (await ledger.http().get(`/deals/${REFERENCE_DEAL_ID}/figures/capacity-terbium/history`).expect(200)).body.entries;
      expect(history.at(-1)).toMatchObject({ change: 'retraction', source: { publisher: 'Caremag' }, reportedAt: '2026-03-02' });
      expect(figureOf(now, 'stake-jogmec')).toMatchObject({ status: 'revised', change: 'disclosure' });
    });
  });
});
