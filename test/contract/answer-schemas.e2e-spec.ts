import { Ajv, type ValidateFunction } from 'ajv';
import type { OpenAPIObject } from '@nestjs/swagger';
import { commandOf, ControlledClock, recordCommands } from '#testing';
import { laterHypotheticalLines, REFERENCE_DEAL_ID, referenceDealLines, routeOf, type SeedLine } from '../support/reference-deal.js';
import { startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';
import { contractDocument } from './contract-document.js';

/**
 * The answers are what the OpenAPI document says: the reference deal recorded over HTTP,
 * then the JSON of key routes checked against their response schemas. Closed: a member an
 * answer has and its schema does not name fails too (`additionalProperties: false` added
 * wherever a schema leaves it open by omission).
 */
describe('the JSON answers against their OpenAPI response schemas', () => {
  const data = tempDataDir();
  const clock = new ControlledClock('2025-03-17T12:00:00.000Z');
  let ledger: TestLedger;
  let answerSchema: (path: string, method: 'get' | 'post' | 'delete', status: number) => ValidateFunction;
  const written: unknown[] = [];

  const record = async (line: SeedLine) =>
    (await ledger.http().post(routeOf(line)).set('Idempotency-Key', line.commandId!).send(line.body).expect(201)).body;

  beforeAll(async () => {
    const document = closed(await contractDocument());
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: 'openapi', components: document.components });
    answerSchema = (path, method, status) => {
      const content = (document.paths[path]?.[method]?.responses[status] as { content?: Record<string, { schema: object }> })?.content;
      const schema = content?.['application/json']?.schema as { $ref?: string } | undefined;
      if (!schema) throw new Error(`No JSON answer schema for ${method.toUpperCase()} ${path} ${status}`);
      return ajv.compile(schema.$ref ? { $ref: `openapi${schema.$ref}` } : schema);
    };
    ledger = await startTestLedger({ dataDir: data.dir, store: 'memory', clock: clock.now });
    for (const line of referenceDealLines()) {
      clock.advance(60_000);
      written.push(await record(line));
    }
    // Each later fact is recorded no earlier than the day it is reported (the clock never goes back).
    clock.set('2025-09-15T09:00:00.000Z');
    for (const line of laterHypotheticalLines()) {
      const reportedOn = `${(line.body as { reportedAt: string }).reportedAt}T09:00:00.000Z`;
      if (Date.parse(reportedOn) > clock.now().getTime()) clock.set(reportedOn);
      written.push(await record(line));
    }
    clock.set('2026-03-02T09:00:00.000Z');
  });

  afterAll(async () => {
    await ledger?.close();
    data.remove();
  });

  const expectValid = (validate: ValidateFunction, body: unknown) => {
    const ok = validate(body);
    expect(ok ? [] : validate.errors).toEqual([]);
  };
  const get = async (url: string, expected = 200) => (await ledger.http().get(url).expect(expected)).body;

  it('every write answers the command answer (201)', () => {
    const validate = answerSchema('/deals/{dealId}/investments', 'post', 201);
    expect(written.length).toBeGreaterThan(10);
    for (const answer of written) expectValid(validate, answer);
  });

  it('GET /deals/:dealId, now and as on record at a moment', async () => {
    const validate = answerSchema('/deals/{dealId}', 'get', 200);
    const now = await get(`/deals/${REFERENCE_DEAL_ID}`);
    expectValid(validate, now);
    expectValid(validate, await get(`/deals/${REFERENCE_DEAL_ID}?knownAt=2025-08-01&validAt=2025-06-01`));
    // The check has teeth: a member the schema does not name, or a position that is not a cursor, fails.
    expect(validate({ ...now, figures: [{ ...now.figures[0], extra: true }] })).toBe(false);
    expect(validate({ ...now, position: 42 })).toBe(false);
  });

  it('the audit trail: every figure history, a diff, the changes across deals', async () => {
    const deal = await get(`/deals/${REFERENCE_DEAL_ID}`);
    const history = answerSchema('/deals/{dealId}/figures/{figureId}/history', 'get', 200);
    for (const { figureId } of deal.figures as { figureId: string }[]) {
      expectValid(history, await get(`/deals/${REFERENCE_DEAL_ID}/figures/${figureId}/history`));
    }
    const diff = await get(`/deals/${REFERENCE_DEAL_ID}/diff?from=2025-03-17T12:05:00Z&to=2026-01-01`);
    expect(diff.figures.length).toBeGreaterThan(0);
    expectValid(answerSchema('/deals/{dealId}/diff', 'get', 200), diff);
    expectValid(answerSchema('/audit/changes', 'get', 200), await get('/audit/changes?limit=5'));
  });

  it('the deal list, its stream, its verification, health and the event contract', async () => {
    expectValid(answerSchema('/deals', 'get', 200), await get('/deals'));
    expectValid(answerSchema('/deals/{dealId}/events', 'get', 200), await get(`/deals/${REFERENCE_DEAL_ID}/events?limit=5`));
    expectValid(answerSchema('/deals/{dealId}/verification', 'get', 200), await get(`/deals/${REFERENCE_DEAL_ID}/verification`));
    expectValid(answerSchema('/audit/verify', 'get', 200), await get('/audit/verify'));
    expectValid(answerSchema('/health', 'get', 200), await get('/health'));
    expectValid(answerSchema('/schemas', 'get', 200), await get('/schemas'));
    expectValid(answerSchema('/admin/projections', 'get', 200), await get('/admin/projections'));
    expectValid(answerSchema('/admin/keys', 'get', 200), await get('/admin/keys'));
    expectValid(answerSchema('/admin/access-log', 'get', 200), await get('/admin/access-log'));
  });

  it('a party: its command answers, the party now and as of a moment, the deals that name it', async () => {
    const source = { publisher: 'GLEIF', tier: 'primary' };
    const command = answerSchema('/parties', 'post', 201);
    const registered = await ledger.http().post('/parties').send({ partyId: 'iwatani', name: 'Iwatani', kind: 'company', lei: '506700GE1G29325QX363', source, reportedAt: '2025-03-17' }).expect(201);
    expectValid(command, registered.body);
    const renamed = await ledger.http().post('/parties/iwatani/renames').send({ name: 'Iwatani Corporation', effectiveAt: '2025-04-01', source, reportedAt: '2025-04-02' }).expect(201);
    expectValid(answerSchema('/parties/{partyId}/renames', 'post', 201), renamed.body);
    const party = answerSchema('/parties/{partyId}', 'get', 200);
    const now = await get('/parties/iwatani');
    expectValid(party, now);
    expectValid(party, await get(`/parties/iwatani?knownAt=${registered.body.position}&validAt=2025-03-31`));
    expect(party({ ...now, names: [{ ...now.names[0], extra: true }] })).toBe(false);
    expectValid(answerSchema('/parties/{partyId}/deals', 'get', 200), await get('/parties/iwatani/deals'));
  });

  it('legal holds: placed, listed (with the released ones), over one deal, released', async () => {
    const why = { reason: 'a hold for the contract test (hypothetical)', reference: 'CASE-1' };
    const placed = await ledger.http().post('/admin/holds').send({ scope: { kind: 'deal', dealId: REFERENCE_DEAL_ID }, ...why }).expect(201);
    expectValid(answerSchema('/admin/holds', 'post', 201), placed.body);
    const range = await ledger.http().post('/admin/holds').send({ scope: { kind: 'recorded', from: '2025-01-01', to: '2026-01-01' }, ...why }).expect(201);
    expectValid(answerSchema('/deals/{dealId}/holds', 'get', 200), await get(`/deals/${REFERENCE_DEAL_ID}/holds`));
    const released = await ledger.http().delete(`/admin/holds/${range.body.holdId}`).send({ reason: 'done' }).expect(200);
    expectValid(answerSchema('/admin/holds/{holdId}', 'delete', 200), released.body);
    const all = await get('/admin/holds?all=true');
    expect(all.items).toHaveLength(2);
    expectValid(answerSchema('/admin/holds', 'get', 200), all);
  });

  it('readiness and the admin retry of the parts that follow the log', async () => {
    expectValid(answerSchema('/health/ready', 'get', 200), await get('/health/ready'));
    const retried = await ledger.http().post('/admin/components/retry').send({}).expect(200);
    expectValid(answerSchema('/admin/components/retry', 'post', 200), retried.body);
  });

  it('the answers of read models behind the log, marked stale, and readiness then', async () => {
    const { runner, store } = ledger.runtime;
    await runner.stop();
    try {
      // A deal recorded while the read models are stopped: they are one deal behind.
      const [register] = referenceDealLines();
      await recordCommands(store, [commandOf({ ...register!, body: { ...register!.body, dealId: 'contract-stale' } })]);
      const deal = await get(`/deals/${REFERENCE_DEAL_ID}`);
      expect(deal.stale).toMatchObject({ state: 'stopped' });
      expectValid(answerSchema('/deals/{dealId}', 'get', 200), deal);
      expectValid(answerSchema('/deals', 'get', 200), await get('/deals'));
      const figure = (deal.figures as { figureId: string }[])[0]!.figureId;
      expectValid(answerSchema('/deals/{dealId}/figures/{figureId}/history', 'get', 200), await get(`/deals/${REFERENCE_DEAL_ID}/figures/${figure}/history`));
      expectValid(answerSchema('/audit/changes', 'get', 200), await get('/audit/changes?limit=5'));
      expectValid(answerSchema('/health/ready', 'get', 503), await get('/health/ready', 503));
    } finally {
      runner.start();
    }
  });

  it('a failing answer has the error body', async () => {
    expectValid(answerSchema('/deals/{dealId}', 'get', 404), await get('/deals/no-such-deal', 404));
    expectValid(answerSchema('/deals/{dealId}', 'get', 400), await get(`/deals/${REFERENCE_DEAL_ID}?knownAt=yesterday`, 400));
  });
});

/** The document with every object schema that names its members closed to others. */
function closed(document: OpenAPIObject): OpenAPIObject {
  const close = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(close);
    if (node === null || typeof node !== 'object') return;
    const schema = node as Record<string, unknown>;
    if (schema.type === 'object' && schema.properties && !('additionalProperties' in schema)) schema.additionalProperties = false;
    Object.values(schema).forEach(close);
  };
  const copy = structuredClone(document);
  close(copy.components);
  return copy;
}
