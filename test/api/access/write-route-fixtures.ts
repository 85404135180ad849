import type { SeedLine } from '#testing';
import type { TestLedger } from '../../support/test-ledger.js';
import type { Json } from '../support/body-mutations.js';
import { dealLines, freshDealId, recordedLines } from '../support/fresh-deal.js';
import { routeOf } from '../../support/reference-deal.js';
import { partyFixtures } from './party-write-fixtures.js';

/** A write route made ready for one request: where to send it and a body it accepts. */
export interface Ready {
  path: string;
  body: Json;
}

export interface WriteFixture {
  /** Readies the ledger (again after each request it accepted, so that state never decides an answer). */
  prepare(ledger: TestLedger): Promise<Ready>;
  /** The answer to the valid body: a 2xx, or a 4xx (and its code) where no body can succeed here. */
  validStatus: number;
  validCode?: string;
}

/** `/deals/x/figures/y/revisions` → `POST /deals/{dealId}/figures/{figureId}/revisions`. */
const keyOf = (line: SeedLine) => `POST ${routeOf({ ...line, dealId: '{dealId}', figureId: '{figureId}' })}`;

/**
 * Each deal command route, with the first seed line of its command as the valid body and
 * every line before it recorded first, on a fresh deal: the first reference deal's lines,
 * then the second's for the routes the first has no line of (instruments, stages).
 */
function dealFixtures(): Record<string, WriteFixture> {
  return { ...fixturesOfDeal('second', []), ...fixturesOfDeal('all', [retraction, joining]), 'POST /deals/{dealId}/links': linking };
}

const laterSource = { source: { publisher: 'Caremag', tier: 'primary' }, reportedAt: '2026-03-02' };

const joining: SeedLine = {
  command: 'JoinDeal',
  dealId: 'template',
  body: { party: { partyId: 'hostile-lender', name: 'A lender (hypothetical)', kind: 'company', roles: ['lender'] }, ...laterSource },
};

/** A link needs a second deal on record to point at: both are registered fresh. */
const linking: WriteFixture = {
  validStatus: 201,
  async prepare(ledger) {
    const [dealId, targetDealId] = [freshDealId('hostile'), freshDealId('hostile-target')];
    await recordedLines([...dealLines(dealId, 'all').slice(0, 1), ...dealLines(targetDealId, 'all').slice(0, 1)])(ledger);
    return { path: `/deals/${dealId}/links`, body: { relation: 'related', targetDealId, ...laterSource } };
  },
};

const retraction: SeedLine = {
  command: 'RetractReport',
  dealId: 'template',
  figureId: 'capacity-terbium',
  body: { reason: 'the refinery plan no longer includes terbium (hypothetical)', ...laterSource },
};

function fixturesOfDeal(which: 'all' | 'second', extra: readonly SeedLine[]): Record<string, WriteFixture> {
  const template = dealLines('template', which);
  const fixtures: Record<string, WriteFixture> = {};
  [...template, ...extra].forEach((line, index) => {
    const key = keyOf(line);
    if (fixtures[key]) return;
    fixtures[key] = {
      validStatus: 201,
      async prepare(ledger) {
        const dealId = freshDealId('hostile');
        const lines = [...dealLines(dealId, which), ...extra.map((line) => ({ ...line, dealId }))];
        await recordedLines(lines.slice(0, index))(ledger);
        return { path: routeOf(lines[index]!), body: lines[index]!.body as Json };
      },
    };
  });
  return fixtures;
}

let names = 0;
/** A name no other request of the run used. */
const fresh = (prefix: string) => `${prefix}-${++names}`;

/** A durable subscription to ack, nack and replay on. */
async function subscription(ledger: TestLedger): Promise<string> {
  const name = fresh('hostile-sub');
  await ledger.http().post('/subscriptions/durable').send({ name }).expect(201);
  return name;
}

const reason = 'a hostile-input test';

/** Every write route of the OpenAPI document with a request body, and a valid body for it. */
export function writeFixtures(): Record<string, WriteFixture> {
  return {
    ...dealFixtures(),
    ...partyFixtures(),
    // No checkpoint is signed in a test ledger: the well-formed line is refused (404), never a 5xx.
    'POST /audit/checkpoints/{treeSize}/cosignatures': {
      validStatus: 404,
      validCode: 'CHECKPOINT.NOT_FOUND',
      prepare: async () => ({
        path: '/audit/checkpoints/1/cosignatures',
        body: { cosignature: '— witness.example.org/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==', witnessKey: 'witness.example.org/w1+8d5b9c1f+BCx' },
      }),
    },
    'POST /subscriptions/durable': {
      validStatus: 201,
      prepare: async () => ({
        path: '/subscriptions/durable',
        body: { name: fresh('hostile-new'), filter: { categories: ['deal'], types: ['FigureRevised.v2'], dealIds: ['caremag-2025'] }, from: 'start', maxRetries: 3, maxInFlight: 10 },
      }),
    },
    'POST /subscriptions/durable/{name}/ack': {
      validStatus: 200,
      prepare: async (ledger) => ({ path: `/subscriptions/durable/${await subscription(ledger)}/ack`, body: { cursors: ['1'] } }),
    },
    // Nothing is delivered to a consumer here: the well-formed nack is refused (409), never a 5xx.
    'POST /subscriptions/durable/{name}/nack': {
      validStatus: 409,
      validCode: 'SUBSCRIPTION.NOT_CONNECTED',
      prepare: async (ledger) => ({ path: `/subscriptions/durable/${await subscription(ledger)}/nack`, body: { cursor: '1', reason } }),
    },
    'POST /subscriptions/durable/{name}/parked/replay': {
      validStatus: 200,
      prepare: async (ledger) => ({ path: `/subscriptions/durable/${await subscription(ledger)}/parked/replay`, body: { cursors: ['1'] } }),
    },
    'POST /admin/projections/{name}/rebuild': {
      validStatus: 202,
      prepare: async () => ({ path: '/admin/projections/deal-state/rebuild', body: { reason } }),
    },
    'POST /admin/projections/{name}/replay': {
      validStatus: 202,
      prepare: async () => ({ path: '/admin/projections/audit-trail/replay', body: { fromPosition: '0', reason } }),
    },
    // Nothing is quarantined: the valid request is refused (404), never a 5xx.
    'POST /admin/projections/{name}/quarantine/{id}/retry': {
      validStatus: 404,
      validCode: 'QUARANTINE.NOT_FOUND',
      prepare: async () => ({ path: '/admin/projections/deal-state/quarantine/1/retry', body: { reason } }),
    },
    'POST /admin/projections/{name}/quarantine/{id}/skip': {
      validStatus: 404,
      validCode: 'QUARANTINE.NOT_FOUND',
      prepare: async () => ({ path: '/admin/projections/deal-state/quarantine/1/skip', body: { reason } }),
    },
    // Everything runs here: nothing is retried, and the parts' health is the answer.
    'POST /admin/components/retry': {
      validStatus: 200,
      prepare: async () => ({ path: '/admin/components/retry', body: { reason } }),
    },
    // Nothing is past retention on a fresh ledger: the dry run answers what it would dispose of (nothing).
    'POST /admin/retention/disposals': {
      validStatus: 200,
      prepare: async () => ({ path: '/admin/retention/disposals', body: { reason, dryRun: true } }),
    },
    'POST /admin/keys': {
      validStatus: 201,
      prepare: async () => ({ path: '/admin/keys', body: { name: fresh('hostile-key'), roles: ['viewer'] } }),
    },
    // A real erasure would erase the reference deal's reporter for the other tests: an unknown subject is refused (404), never a 5xx.
    'POST /admin/personal-data/erasures': {
      validStatus: 404,
      validCode: 'PERSONAL_DATA.SUBJECT_NOT_FOUND',
      prepare: async () => ({ path: '/admin/personal-data/erasures', body: { subject: 'f'.repeat(64), reason } }),
    },
    'POST /admin/holds': {
      validStatus: 201,
      prepare: async () => ({ path: '/admin/holds', body: { scope: { kind: 'recorded', from: '2025-01-01', to: '2025-02-01' }, reason, reference: fresh('CASE') } }),
    },
    'DELETE /admin/holds/{holdId}': {
      validStatus: 200,
      async prepare(ledger) {
        const placed = await ledger.http().post('/admin/holds').send({ scope: { kind: 'recorded', from: '2025-01-01', to: '2025-02-01' }, reason, reference: fresh('CASE') }).expect(201);
        return { path: `/admin/holds/${placed.body.holdId}`, body: { reason } };
      },
    },
    'DELETE /admin/keys/{key}': {
      validStatus: 200,
      async prepare(ledger) {
        const name = fresh('hostile-doomed');
        await ledger.http().post('/admin/keys').send({ name, roles: ['viewer'] }).expect(201);
        return { path: `/admin/keys/${name}`, body: { reason } };
      },
    },
  };
}
