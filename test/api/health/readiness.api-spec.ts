import type { ComponentHealth, SelfHealing } from '#event-store';
import { bearer, ROLE_KEYS } from '../../support/test-ledger.js';
import { useApiLedger } from '../support/api-ledger.js';

/** A part that follows the log, faulted until told to try again (then it runs). */
class FaultedPart implements SelfHealing {
  retries = 0;
  private state: ComponentHealth['state'] = 'faulted';

  health(): ComponentHealth {
    return this.state === 'running'
      ? { component: 'test-part', neededToServe: true, state: 'running', restarts: this.retries }
      : { component: 'test-part', neededToServe: true, state: 'faulted', failure: 'SQLITE_CORRUPT: database disk image is malformed', failingSince: '2026-12-03T10:00:00.000Z', restarts: 0 };
  }

  retryNow(): void {
    this.retries += 1;
    this.state = 'running';
  }
}

/** The ledger's own parts, each running, beside the one a test adds. */
const OWN_PARTS: ComponentHealth[] = [
  { component: 'projections', neededToServe: true, state: 'running', restarts: 0 },
  { component: 'log-tree', neededToServe: false, state: 'running', restarts: 0 },
  { component: 'api-keys', neededToServe: true, state: 'running', restarts: 0 },
  { component: 'event-feed', neededToServe: true, state: 'running', restarts: 0 },
  // LEDGER_VERIFY_EVERY_S is on by default (daily): listed, not needed to serve.
  { component: 'self-verification', neededToServe: false, state: 'running', restarts: 0 },
];

describe('GET /health/ready and POST /admin/components/retry', () => {
  const part = new FaultedPart();
  const ledger = useApiLedger({ components: [part] });
  const sorted = (components: ComponentHealth[]) => [...components].sort((a, b) => a.component.localeCompare(b.component));

  it('is 503 not_ready while a part is faulted, with its failure, and needs no credential', async () => {
    const response = await ledger.current.anonymous().get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body.status).toBe('not_ready');
    expect(sorted(response.body.components)).toEqual(
      sorted([
        ...OWN_PARTS,
        { component: 'test-part', neededToServe: true, state: 'faulted', failure: 'SQLITE_CORRUPT: database disk image is malformed', failingSince: '2026-12-03T10:00:00.000Z', restarts: 0 },
      ]),
    );
  });

  it('refuses the retry to anyone but an admin, and retries nothing then', async () => {
    await ledger.current.anonymous().post('/admin/components/retry').set(bearer(ROLE_KEYS.writer)).send({}).expect(403);
    expect(part.retries).toBe(0);
  });

  it('lets an admin retry the part that is not running, records who did and why, and is ready after', async () => {
    const head = await ledger.current.runtime.store.headPosition();
    const response = await ledger.current.anonymous().post('/admin/components/retry').set(bearer(ROLE_KEYS.admin)).send({ reason: 'restored the log tree file' });
    expect(response.status).toBe(200);
    expect(part.retries).toBe(1);
    expect(response.body.status).toBe('ready');
    expect(sorted(response.body.components)).toEqual(sorted([...OWN_PARTS, { component: 'test-part', neededToServe: true, state: 'running', restarts: 1 }]));
    const recorded = [];
    for await (const event of ledger.current.runtime.store.readAll({ after: head })) recorded.push(event);
    expect(recorded).toMatchObject([
      {
        streamId: 'admin-components',
        type: 'ComponentsRetried.v1',
        data: { components: [{ component: 'test-part', state: 'faulted', failure: 'SQLITE_CORRUPT: database disk image is malformed' }], reason: 'restored the log tree file' },
        metadata: { actor: 'admin-1' },
      },
    ]);
    await ledger.current.anonymous().get('/health/ready').expect(200);
  });

  it('retries nothing and records nothing when every part runs', async () => {
    const head = await ledger.current.runtime.store.headPosition();
    await ledger.current.http().post('/admin/components/retry').send({}).expect(200);
    expect(part.retries).toBe(1);
    expect(await ledger.current.runtime.store.headPosition()).toBe(head);
  });

  it('is 503 while the projections are stopped, 200 once they run again', async () => {
    await ledger.current.runtime.runner.stop();
    try {
      const response = await ledger.current.anonymous().get('/health/ready');
      expect(response.status).toBe(503);
      expect(response.body.components).toContainEqual({ component: 'projections', neededToServe: true, state: 'stopped', restarts: 0 });
    } finally {
      ledger.current.runtime.runner.start();
    }
    await ledger.current.anonymous().get('/health/ready').expect(200);
  });

  it('stays ready while only a part requests do not need is down (the log tree), and still lists it', async () => {
    const proofs: SelfHealing = {
      health: () => ({ component: 'proofs-part', neededToServe: false, state: 'faulted', failure: 'TREE.LEAF_MISMATCH', restarts: 0 }),
      retryNow: () => undefined,
    };
    ledger.current.runtime.selfHealing.push(proofs);
    try {
      const response = await ledger.current.anonymous().get('/health/ready').expect(200);
      expect(response.body.status).toBe('ready');
      expect(response.body.components).toContainEqual(proofs.health());
    } finally {
      ledger.current.runtime.selfHealing.splice(ledger.current.runtime.selfHealing.indexOf(proofs), 1);
    }
  });
});
