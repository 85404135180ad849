import { StoreUnavailableError } from '#event-store';
import { FaultInjectingEventStore } from '#testing';
import { startTestLedger, tempDataDir, WRITER_KEY, type TestLedger } from '../support/test-ledger.js';
import { expectVerifiedWithReadModels, FaultDrill } from './support/fault-drill.js';

/**
 * The store fails under the ledger, at the store's port (a fault-injecting double around
 * the real SQLite store): every call and every open subscription fails at once, as when a
 * KurrentDB connection drops or a disk returns I/O errors, for a while, several times.
 * Commands are refused with 503 and Retry-After, reads say they are stale, and each time
 * the fault clears the projection runner, the log tree, the event feed and the key
 * follower are back to running on their own.
 */
describe('the event store failing under a running ledger, then coming back', () => {
  const data = tempDataDir();
  let faulty: FaultInjectingEventStore | undefined;
  let ledger: TestLedger;
  let url: string;

  beforeAll(async () => {
    ledger = await startTestLedger({
      dataDir: data.dir,
      runtime: { aroundStore: (store) => (faulty = new FaultInjectingEventStore(store)) },
    });
    await ledger.app.listen(0, '127.0.0.1');
    url = (await ledger.app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(() => data.remove());

  it('refuses while it fails, heals on its own each time, and loses or duplicates nothing', async () => {
    const drill = new FaultDrill(url, WRITER_KEY);
    const deals = ['east', 'west'];
    try {
      for (const dealId of deals) await drill.registerDeal(dealId);
      for (let outage = 1; outage <= 3; outage++) {
        for (let i = 0; i < 5; i++) expect(await drill.recordFigure(deals[i % 2]!)).toBe(201);
        faulty!.inject(new StoreUnavailableError(`injected outage ${outage}: the connection to the store was lost`));
        const until = Date.now() + 1_000;
        while (Date.now() < until) {
          await drill.recordFigure(deals[0]!);
          await drill.readDeal(deals[1]!);
        }
        faulty!.clear();
        const healedInMs = await drill.waitUntilHealed(deals[outage % 2]!, 5_000);
        console.log(`Store-outage drill: outage ${outage} healed ${healedInMs} ms after the store came back`);
      }
      expect(drill.refusals.length).toBeGreaterThan(0);
      expect(drill.refusals.every((r) => r.status === 503 && r.retryAfter !== null)).toBe(true);
      await drill.retryRefused();
      for (const dealId of deals) await drill.readDeal(dealId);
      drill.expectNoUnmarkedStaleRead();
    } finally {
      await ledger.close();
    }
    drill.expectLogHoldsExactlyTheAcknowledged(data.dir, deals);
    await expectVerifiedWithReadModels(data.dir);
  }, 120_000);
});
