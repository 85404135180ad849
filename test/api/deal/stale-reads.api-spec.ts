import { useApiLedger } from '../support/api-ledger.js';
import { dealLines, freshDealId, recordedLines } from '../support/fresh-deal.js';

/**
 * Reads answered from the read models at the head of the log say when those are behind it
 * (here: the projection runner stopped while events are recorded): the X-Ledger-Stale header
 * and `stale` in the body. A fresh answer carries neither; an answer fixed at a moment of
 * the record (`knownAt`) waits for the read models instead, so it is never marked.
 */
describe('answers from read models behind the log', () => {
  const ledger = useApiLedger({ application: { staleReadWaitMs: 20 } });

  afterEach(() => ledger.current.runtime.runner.start());

  /** A deal whose facts the read models show, and one more line recorded while they are stopped. */
  const aDealBehind = async () => {
    const dealId = freshDealId('stale');
    const [register, ...facts] = dealLines(dealId);
    const note = facts.find((line) => line.command === 'RecordNote')!;
    await recordedLines([register!, ...facts.filter((line) => line !== note)])(ledger.current);
    const { runner, store } = ledger.current.runtime;
    await runner.catchUp(5_000);
    const shown = await store.headPosition();
    const before = (await ledger.current.http().get(`/deals/${dealId}`).expect(200)).body;
    const figureId: string = before.figures[0].figureId;
    await runner.stop();
    await recordedLines([note])(ledger.current);
    return { dealId, figureId, before, shown };
  };

  it('answers a fresh read with neither the header nor the member', async () => {
    const dealId = freshDealId('fresh');
    await recordedLines(dealLines(dealId).slice(0, 1))(ledger.current);
    await ledger.current.runtime.runner.catchUp(5_000);
    for (const path of [`/deals/${dealId}`, '/deals', '/audit/changes']) {
      const response = await ledger.current.http().get(path).expect(200);
      expect(response.headers['x-ledger-stale']).toBeUndefined();
      expect(response.body).not.toHaveProperty('stale');
    }
  });

  it('marks every read at the head: the deal, the list, a figure history, the changes, the deal at validAt', async () => {
    const { dealId, figureId, before, shown } = await aDealBehind();
    for (const path of [
      `/deals/${dealId}`,
      `/deals?title=${encodeURIComponent(before.title)}`,
      `/deals/${dealId}/figures/${figureId}/history`,
      `/audit/changes?dealId=${dealId}`,
      `/deals/${dealId}?validAt=2030-01-01`,
    ]) {
      // Audit reads are logged in the store: the head moves with them.
      const head = await ledger.current.runtime.store.headPosition();
      const response = await ledger.current.http().get(path);
      expect({ path, status: response.status, header: response.headers['x-ledger-stale'], stale: response.body.stale }).toEqual({
        path,
        status: 200,
        header: `behind=${head - shown}`,
        stale: { behind: head - shown, readModelPosition: String(shown), head: String(head), state: 'stopped' },
      });
    }
    // What the read models show, as they show it: the deal without the note recorded since.
    const { stale: _, ...deal } = (await ledger.current.http().get(`/deals/${dealId}`)).body;
    expect(deal).toEqual(before);
  });

  it('does not mark an answer fixed at a moment the read models have reached', async () => {
    const { dealId, shown } = await aDealBehind();
    const response = await ledger.current.http().get(`/deals/${dealId}`).query({ knownAt: String(shown) }).expect(200);
    expect(response.headers['x-ledger-stale']).toBeUndefined();
    expect(response.body).not.toHaveProperty('stale');
  });

  it('marks a 404 too: the deal may be one the read models have not shown yet', async () => {
    const dealId = freshDealId('unseen');
    await ledger.current.runtime.runner.stop();
    await recordedLines(dealLines(dealId).slice(0, 1))(ledger.current);
    const response = await ledger.current.http().get(`/deals/${dealId}`);
    expect(response.status).toBe(404);
    expect(response.headers['x-ledger-stale']).toMatch(/^behind=[1-9]\d*$/);
  });

  it('answers fresh again once the read models caught up', async () => {
    const { dealId, before } = await aDealBehind();
    ledger.current.runtime.runner.start();
    await ledger.current.runtime.runner.catchUp(5_000);
    const response = await ledger.current.http().get(`/deals/${dealId}`).expect(200);
    expect(response.headers['x-ledger-stale']).toBeUndefined();
    expect(response.body).not.toHaveProperty('stale');
    expect(response.body.notes).toHaveLength(before.notes.length + 1);
  });
});
