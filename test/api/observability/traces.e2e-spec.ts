import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, type Tracing } from '#runtime';
import { startTestLedger, tempDataDir, type TestLedger } from '../../support/test-ledger.js';
import { capturedLog } from '../../support/captured-log.js';
import { percentageMetric, smallDeal } from '../../support/small-deal.js';
import { freshDealId } from '../support/fresh-deal.js';

/** A caller's W3C trace context: the ledger's spans must continue this trace. */
const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';
const TRACEPARENT = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;

/** Whatever tracing is on in this process, in-memory: spans are exported as each ends. */
function inProcessTracing() {
  let exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  return {
    on() {
      exporter = new InMemorySpanExporter();
      tracing = startTracing({ serviceName: 'deal-ledger' }, exporter);
    },
    async off() {
      await tracing?.shutdown();
      tracing = undefined;
    },
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
  };
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const traceOf = (span: ReadableSpan) => span.spanContext().traceId;

/** The HTTP span ends when the answer is sent, which the client may see first: wait until it is exported. */
async function exported(spans: () => ReadableSpan[], found: (span: ReadableSpan) => boolean): Promise<ReadableSpan> {
  for (let turn = 0; turn < 200; turn++) {
    const span = spans().find(found);
    if (span) return span;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no such span among ${spans().map((s) => s.name).join(', ')}`);
}

const FIXED_CLOCK = () => new Date('2026-12-01T10:00:00.000Z');

/** Every stored column of every event, from the SQLite file itself. */
function storedRows(dataDir: string): Record<string, unknown>[] {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM events ORDER BY position').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('OpenTelemetry traces of a command (HTTP → command → append → projection)', () => {
  const tracing = inProcessTracing();
  const log = capturedLog();
  const data = tempDataDir();
  let ledger: TestLedger;

  beforeAll(async () => {
    tracing.on();
    ledger = await startTestLedger({ dataDir: data.dir, store: 'sqlite', log: log.logger });
  });
  afterAll(async () => {
    await ledger?.close();
    await tracing.off();
    data.remove();
  });

  it('traces a command as one trace: the request, the command inside it, the append inside that; the projection batch links to it', async () => {
    const dealId = freshDealId('trace');
    const answer = await ledger.http().post('/deals').send(smallDeal(dealId)).expect(201);
    const requestId = answer.headers['x-request-id'] as string;

    const http = await exported(tracing.spans, (span) => span.attributes['ledger.request.id'] === requestId);
    expect(http).toMatchObject({
      name: 'POST /deals',
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': 'POST', 'http.route': '/deals', 'http.response.status_code': 201 },
    });
    expect(http.parentSpanContext).toBeUndefined();

    const inTrace = tracing.spans().filter((span) => traceOf(span) === traceOf(http));
    const command = inTrace.find((span) => parentOf(span) === idOf(http) && span.name.startsWith('command '));
    expect(command).toBeDefined();
    expect(command!.attributes).toMatchObject({ 'ledger.command.type': 'RegisterDeal', 'ledger.deal.id': dealId, 'ledger.command.outcome': 'ok' });

    const append = inTrace.find((span) => parentOf(span) === idOf(command!) && span.name === 'append');
    expect(append).toBeDefined();
    expect(append!.attributes).toMatchObject({ 'ledger.stream': `deal-${dealId}`, 'ledger.append.events': answer.body.eventIds.length });
    // A SQLite group commit: how many writes shared the commit (this one alone, here).
    expect(append!.attributes['ledger.commit.writes']).toBeGreaterThanOrEqual(1);
    expect(append!.attributes['ledger.commit.events']).toBeGreaterThanOrEqual(answer.body.eventIds.length);

    // The command answers once the read models show it: their batch span has ended by then.
    const projection = tracing.spans().find((span) => span.name === 'projections apply' && span.links.some((link) => link.context.spanId === idOf(append!)));
    expect(projection).toBeDefined();
    expect(traceOf(projection!)).not.toBe(traceOf(http));
    expect(projection!.links.find((link) => link.context.spanId === idOf(append!))!.context.traceId).toBe(traceOf(http));
    expect(projection!.attributes['ledger.projection.events']).toBeGreaterThanOrEqual(answer.body.eventIds.length);
  });

  it('keeps the command in the request\'s trace when its body arrives after its headers', async () => {
    const dealId = freshDealId('trace');
    const server = ledger.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const body = JSON.stringify(smallDeal(dealId));
    const status = await new Promise<number>((resolve, reject) => {
      const call = request(
        { port, host: '127.0.0.1', method: 'POST', path: '/deals', headers: { ...ledger.auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': `late-${dealId}` } },
        (answer) => {
          answer.resume();
          answer.on('end', () => resolve(answer.statusCode!));
        },
      );
      call.on('error', reject);
      call.flushHeaders();
      // The body in a later packet: the body parser then resumes from the socket's events.
      setTimeout(() => call.end(body), 50);
    });
    expect(status).toBe(201);
    const http = await exported(tracing.spans, (span) => span.attributes['ledger.request.id'] === `late-${dealId}`);
    const command = tracing.spans().find((span) => span.name.startsWith('command ') && span.attributes['ledger.deal.id'] === dealId);
    expect(command && parentOf(command)).toBe(idOf(http));
  });

  it('continues the trace of a caller that sends a W3C traceparent', async () => {
    const dealId = freshDealId('trace');
    const answer = await ledger.http().post('/deals').set('traceparent', TRACEPARENT).send(smallDeal(dealId)).expect(201);
    const http = await exported(tracing.spans, (span) => span.attributes['ledger.request.id'] === answer.headers['x-request-id']);
    expect(traceOf(http)).toBe(CALLER_TRACE);
    expect(parentOf(http)).toBe(CALLER_SPAN);
    expect(tracing.spans().some((span) => span.name === 'append' && traceOf(span) === CALLER_TRACE && span.attributes['ledger.stream'] === `deal-${dealId}`)).toBe(true);
  });

  it('records a refused command with its stable code, the request with its status', async () => {
    const dealId = freshDealId('trace');
    await ledger.http().post('/deals').send(smallDeal(dealId)).expect(201);
    const refused = await ledger.http().post('/deals').send(smallDeal(dealId)).expect(409);
    const http = await exported(tracing.spans, (span) => span.attributes['ledger.request.id'] === refused.headers['x-request-id']);
    const code = refused.body.code as string;
    expect(http.attributes).toMatchObject({ 'http.response.status_code': 409, 'ledger.error.code': code });
    const command = tracing.spans().find((span) => parentOf(span) === idOf(http));
    expect(command!.attributes['ledger.command.outcome']).toBe(code);
    // A rule's refusal is an answer, not a fault of the ledger.
    expect(command!.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('traces a party command the same way, about its party', async () => {
    const partyId = freshDealId('party');
    const party = { partyId, name: 'Traced Co', kind: 'company', source: { publisher: 'Reuters', tier: 'primary' }, reportedAt: '2025-03-17' };
    const answer = await ledger.http().post('/parties').send(party).expect(201);
    const http = await exported(tracing.spans, (span) => span.attributes['ledger.request.id'] === answer.headers['x-request-id']);
    expect(http.name).toBe('POST /parties');
    const command = tracing.spans().find((span) => parentOf(span) === idOf(http))!;
    expect(command.attributes).toMatchObject({ 'ledger.command.type': 'RegisterParty', 'ledger.party.id': partyId, 'ledger.command.outcome': 'ok' });
    expect(tracing.spans().find((span) => parentOf(span) === idOf(command))).toMatchObject({ name: 'append', attributes: { 'ledger.stream': `party-${partyId}` } });
  });

  it("writes the request's trace and span ids on its log line", async () => {
    const answer = await ledger.http().get('/deals').expect(200);
    const requestId = answer.headers['x-request-id'] as string;
    const http = await exported(tracing.spans, (span) => span.attributes['ledger.request.id'] === requestId);
    const line = log.lines().find((entry) => entry.requestId === requestId && entry.msg === 'request answered');
    expect(line).toMatchObject({ traceId: traceOf(http), spanId: idOf(http), route: '/deals', status: 200 });
  });

  it('stores every event exactly as without tracing: the same metadata and hashes, no trace id anywhere in a row', async () => {
    const record = async (traced: boolean) => {
      const dir = tempDataDir();
      const one = await startTestLedger({ dataDir: dir.dir, store: 'sqlite', clock: FIXED_CLOCK });
      try {
        const http = () => (traced ? one.http().set('traceparent', TRACEPARENT) : one.http());
        await http().post('/deals').send({ ...smallDeal('same-deal'), commandId: 'cmd-register' }).expect(201);
        await http().post('/deals/same-deal/metrics').send({ ...percentageMetric('share-1', '10'), commandId: 'cmd-metric' }).expect(201);
      } finally {
        await one.close();
      }
      const rows = storedRows(dir.dir);
      dir.remove();
      return rows;
    };

    tracing.reset();
    const withTracing = await record(true);
    const traced = tracing.spans().filter((span) => span.name === 'append');
    expect(traced.length).toBeGreaterThanOrEqual(2);

    await tracing.off();
    const withoutTracing = await record(false);
    tracing.on();

    expect(withTracing.length).toBeGreaterThanOrEqual(2);
    expect(withTracing).toEqual(withoutTracing);
    const stored = JSON.stringify(withTracing);
    for (const span of traced) {
      expect(stored).not.toContain(traceOf(span));
      expect(stored).not.toContain(idOf(span));
    }
    expect(stored).not.toContain(CALLER_TRACE);
    expect(stored.toLowerCase()).not.toMatch(/traceid|spanid|traceparent/);
  });
});
