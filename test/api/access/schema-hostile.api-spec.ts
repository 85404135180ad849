import type { Response } from 'supertest';
import type { TestLedger } from '../../support/test-ledger.js';
import { mutationsOf, undocumentedFields, withValueAt, type Json, type Mutation, type Schema } from '../support/body-mutations.js';
import { apiSpecification, expectError, expectNoEvents } from '../support/api-specification.js';
import { useApiLedger } from '../support/api-ledger.js';
import { dealLines, freshDealId, recordedLines } from '../support/fresh-deal.js';
import { routeOf } from '../../support/reference-deal.js';
import { openApiWriteRoutes, type WriteRoute } from '../support/openapi-writes.js';
import { writeFixtures, type Ready } from './write-route-fixtures.js';

/**
 * Issue 14, item 8: every write route of the OpenAPI document, its valid body spoiled one
 * field at a time at every depth as the document's schema describes it (see
 * body-mutations.ts). No answer is a 5xx; every refusal is a 4xx with a stable code, names
 * the spoiled field (or a field around it) when it names one, and writes nothing.
 * Leaving out or nulling an optional field may still make a valid command.
 */
const CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;
const fixtures = writeFixtures();

/** The answer names the spoiled field, a field inside it, or the object around it. */
function namesNearby(answered: string, spoiled: string): boolean {
  if (spoiled === '' || answered === spoiled) return true;
  const within = (inner: string, outer: string) => outer === '' || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return within(answered, spoiled) || within(spoiled, answered);
}

/** What is wrong with a refusal of a spoiled body: nothing, when it is a 4xx with a code naming the field. */
function refusalProblems(status: number, body: { code?: unknown; field?: unknown; message?: unknown }, mutation: Mutation, validCode?: string): string[] {
  if (status >= 500) return ['5xx'];
  const problems: string[] = [];
  if (status < 400) problems.push('not a 4xx');
  if (typeof body.code !== 'string' || !CODE.test(body.code)) problems.push('no stable code');
  // Where even the valid body is refused (nothing to act on here), a spoiled one must be refused for itself.
  else if (body.code === validCode && !mutation.mayBeValid) problems.push('refused only as the valid body is');
  // A rule across fields ("give exactly one of fromPosition and fromTime") names one and mentions the other.
  const mentioned = typeof body.message === 'string' && mutation.field !== '' && body.message.includes(mutation.field.split(/[.[]/).at(-1)!);
  if (typeof body.field === 'string' && !namesNearby(body.field, mutation.field) && !mentioned) problems.push('names another field');
  return problems;
}

describe('every write route of the OpenAPI document, each field spoiled at every depth', () => {
  const ledger = useApiLedger();
  let routes: WriteRoute[];
  let resolve: (schema: Schema) => Schema;
  const statuses = new Map<string, number>();
  let sent = 0;

  beforeAll(async () => {
    ({ routes, resolve } = await openApiWriteRoutes(ledger.current));
  });

  afterAll(() => {
    const seen = [...statuses].sort().map(([answer, count]) => `${answer} ×${count}`);
    console.log(`schema-driven hostile test: ${routes.length} write routes, ${sent} spoiled requests; answers: ${seen.join(', ')}`);
  });

  it('names a missing nested object by its path: 400, not a 500 (the case of issue 14)', async () => {
    const spec = apiSpecification(ledger);
    const lines = dealLines(freshDealId('hostile-stake'));
    const stake = lines.find((l) => l.command === 'DiscloseStake')!;
    const before = recordedLines(lines.slice(0, lines.indexOf(stake)));
    await spec(before)
      .when((http) => http.post(routeOf(stake)).send({ holder: 'jogmec', target: 'caremag' }))
      .then(expectError(400, 'REQUEST.VALIDATION_FAILED', 'stake'), expectNoEvents());
    await spec()
      .when((http) => http.post(routeOf(stake)).send(withValueAt(stake.body as Json, ['stake', 'value', 'measure'], undefined) as object))
      .then(expectError(400, 'REQUEST.VALIDATION_FAILED', 'stake.value.measure'), expectNoEvents());
  });

  it('has a valid body for every write route that takes one, and no route the document lacks', () => {
    expect(Object.keys(fixtures).sort()).toEqual(routes.filter((r) => r.body).map((r) => r.key).sort());
    // The routes without a body (DELETE /subscriptions/durable/{name}) have nothing to spoil.
    expect(routes.filter((r) => !r.body).map((r) => r.key)).toEqual(['DELETE /subscriptions/durable/{name}']);
  });

  function send(current: TestLedger, key: string, ready: Ready, body: Json): Promise<Response> {
    const method = key.startsWith('DELETE') ? 'delete' : 'post';
    // Sent as JSON text: supertest would send a bare string as a form.
    return current.http()[method](ready.path).set('Content-Type', 'application/json').send(JSON.stringify(body));
  }

  /** Lets what an accepted request set going (a rebuild, the read models) finish before the next is measured. */
  async function settle(current: TestLedger): Promise<void> {
    await current.runtime.projectionAdmin.settled();
    await current.runtime.runner.catchUp(10_000);
  }

  it.each(Object.keys(fixtures).sort())('%s: never a 5xx; a refusal is a 4xx with a code, naming the field, writing nothing', async (key) => {
    const current = ledger.current;
    const fixture = fixtures[key]!;
    const schema = resolve(routes.find((r) => r.key === key)!.body!);
    let ready = await fixture.prepare(current);
    expect(undocumentedFields(ready.body, schema, resolve)).toEqual([]);

    await settle(current);
    const valid = await send(current, key, ready, ready.body);
    expect({ status: valid.status, code: valid.body.code }).toEqual({ status: fixture.validStatus, code: fixture.validCode });
    if (valid.status < 300) {
      await settle(current);
      ready = await fixture.prepare(current);
    }

    const problems: string[] = [];
    const mutations = mutationsOf(ready.body, schema, resolve);
    for (const mutation of mutations) {
      const head = await current.runtime.store.headPosition();
      const { status, body } = await send(current, key, ready, mutation.apply(ready.body));
      sent += 1;
      const answer = status >= 400 ? `${status} ${body.code}` : `${status}`;
      statuses.set(answer, (statuses.get(answer) ?? 0) + 1);
      const where = `${mutation.field || 'body'} ${mutation.label}: ${status} ${JSON.stringify(body).slice(0, 300)}`;
      if (status >= 200 && status < 300) {
        if (!mutation.mayBeValid) problems.push(`accepted ${where}`);
        await settle(current);
        ready = await fixture.prepare(current);
      } else {
        problems.push(...refusalProblems(status, body, mutation, fixture.validCode).map((problem) => `${problem} ${where}`));
        const after = await current.runtime.store.headPosition();
        if (after !== head) problems.push(`wrote ${after - head} events ${where}`);
      }
    }
    expect(problems).toEqual([]);
    expect(mutations.length).toBeGreaterThan(5);
  });
});
