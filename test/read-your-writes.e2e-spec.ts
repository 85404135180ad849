import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiKeyRegistry, loadConfig, openLedgerRuntime, parseApiKeysSetting, type LedgerRuntime } from '#runtime';
import { createHttpApp } from '../apps/api/src/index.js';
import { REFERENCE_DEAL_ID, referenceDealLines, routeOf } from './support/reference-deal.js';
import { tempDataDir, WRITER_KEY } from './support/test-ledger.js';

/**
 * GET /deals/:dealId?minPosition= (or the Min-Position header): a read served only once the
 * replica's read models have applied the log up to the position a write answered. A replica
 * that is behind is played by one whose projection runner is stopped.
 */
describe('read-your-writes with minPosition', () => {
  const data = tempDataDir();
  let runtime: LedgerRuntime;
  let app: NestExpressApplication;
  const auth = { Authorization: `Bearer ${WRITER_KEY}` };
  // Reads need a credential too: every request goes as analyst-1.
  const http = () => request.agent(app.getHttpServer()).set(auth);
  const [register] = referenceDealLines();
  const note = referenceDealLines().find((line) => line.command === 'RecordNote')!;

  beforeAll(async () => {
    runtime = await openLedgerRuntime({ ...loadConfig({}), dataDir: data.dir, seedReferenceDeal: false });
    app = await createHttpApp(
      // A short wait, so the "replica behind" answers come quickly.
      { runtime, apiKeys: new ApiKeyRegistry(parseApiKeysSetting(`analyst-1:writer:${WRITER_KEY}`), runtime.keyEvents.trust), application: { readModelWaitMs: 600 } },
      false,
    );
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
    data.remove();
  });

  let registeredAt: string;
  let notedAt: string;

  it('serves a read that names the position of a write this replica has applied', async () => {
    const written = await http().post(routeOf(register!)).set(auth).send(register!.body).expect(201);
    registeredAt = written.body.position;
    expect(registeredAt).toMatch(/^\d+$/);
    const read = await http().get(`/deals/${REFERENCE_DEAL_ID}`).query({ minPosition: registeredAt }).expect(200);
    expect(read.body).toMatchObject({ dealId: REFERENCE_DEAL_ID, revision: 0, position: registeredAt });
    await http().get(`/deals/${REFERENCE_DEAL_ID}`).set('Min-Position', registeredAt).expect(200);
  });

  it('answers 503 READ_MODEL.BEHIND, writing nothing, while this replica has not reached the position', async () => {
    await runtime.runner.stop();
    // Recorded, but not readable here in time: 503, saying so (see test/api/deal/recorded-not-readable.api-spec.ts).
    const written = await http().post(routeOf(note)).set(auth).send(note.body).expect(503);
    expect(written.body).toMatchObject({ code: 'COMMAND.RECORDED_NOT_READABLE', details: { recorded: true } });
    notedAt = written.body.details.position;
    const head = await runtime.store.headPosition();

    for (const read of [
      http().get(`/deals/${REFERENCE_DEAL_ID}`).query({ minPosition: notedAt }),
      http().get(`/deals/${REFERENCE_DEAL_ID}`).set('Min-Position', notedAt),
    ]) {
      const response = await read;
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({
        code: 'READ_MODEL.BEHIND',
        details: { minPosition: notedAt, readModelPosition: registeredAt, state: 'stopped' },
      });
    }
    // Without minPosition the replica answers with what it has: the deal before the note.
    expect((await http().get(`/deals/${REFERENCE_DEAL_ID}`).expect(200)).body.revision).toBe(0);
    expect(await runtime.store.headPosition()).toBe(head);
  });

  it('waits for the replica to catch up, then serves the write', async () => {
    const reading = http().get(`/deals/${REFERENCE_DEAL_ID}`).query({ minPosition: notedAt }).then((r) => r);
    // The read is in before the replica resumes: it is served only because it waited.
    await new Promise((resolve) => setTimeout(resolve, 100));
    runtime.runner.start();
    const response = await reading;
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ revision: 1, position: notedAt });
  });

  it.each([
    ['not a number', 'abc'],
    ['negative', '-1'],
    ['past 2^53, where positions would round', '9007199254740993'],
    ['longer than any cursor', '12345678901234567'],
  ])('refuses a minPosition that is %s: 400 with the field', async (_, minPosition) => {
    const response = await http().get(`/deals/${REFERENCE_DEAL_ID}`).query({ minPosition }).expect(400);
    expect(response.body).toMatchObject({ code: 'REQUEST.INVALID_CURSOR', field: 'minPosition' });
  });

  it('refuses a position beyond the end of the log, once waiting did not reach it: 400, not 503', async () => {
    const beyond = String((await runtime.store.headPosition()) + 1000);
    const response = await http().get(`/deals/${REFERENCE_DEAL_ID}`).set('Min-Position', beyond).expect(400);
    expect(response.body).toMatchObject({ code: 'REQUEST.INVALID_CURSOR', field: 'Min-Position' });
  });
});
