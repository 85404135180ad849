import { localApiKey, startServe, stop } from '../support/cli.js';
import { expectVerifiedWithReadModels, FaultDrill } from './support/fault-drill.js';
import { mountSmallFilesystem } from './support/small-filesystem.js';

/**
 * The operator's bad day: the ledger's data directory on a small filesystem that fills up,
 * then gets room again. While it is full, commands are refused with 503 and Retry-After
 * and reads say they are stale; once space is freed, within 5 s and without a restart,
 * a command is readable right after its 201 and /health/ready is 200. Then every
 * acknowledged command is stored exactly once, and `ledger verify --read-models` is intact.
 */
const small = mountSmallFilesystem(24);
const describeMounted = 'dir' in small ? describe : describe.skip;
if (!('dir' in small)) console.log(`Disk-full drill: skipped (${small.unavailable})`);

describeMounted('a full disk, then space freed again', () => {
  afterAll(() => {
    if ('dir' in small) small.unmount();
  });

  it('refuses while full, heals on its own once freed, and loses or duplicates nothing', async () => {
    if (!('dir' in small)) return;
    const dataDir = `${small.dir}/data`;
    const ledger = await startServe({ LEDGER_DATA_DIR: dataDir, LEDGER_SEED: 'none', LEDGER_CHECKPOINT_EVERY_SECONDS: '1' });
    const drill = new FaultDrill(ledger.url, localApiKey(dataDir));
    const deals = ['north', 'south'];
    try {
      for (const dealId of deals) await drill.registerDeal(dealId);
      for (let i = 0; i < 10; i++) expect(await drill.recordFigure(deals[i % 2]!)).toBe(201);

      small.fill();
      // Pages SQLite already holds may take a few more writes; the disk is full well before 200.
      let refused = 0;
      for (let i = 0; i < 200 && refused < 5; i++) {
        if ((await drill.recordFigure(deals[i % 2]!)) === 503) refused += 1;
        await drill.readDeal(deals[i % 2]!);
      }
      expect(refused).toBe(5);
      expect(drill.refusals.every((r) => r.status === 503 && r.retryAfter !== null)).toBe(true);
      // Which parts stopped depends on which file met the full disk first: said, not asserted.
      const whileFull = await fetch(`${ledger.url}/health/ready`);
      console.log(`Disk-full drill: while full, /health/ready ${whileFull.status} ${await whileFull.text()}`);

      small.free();
      const healedInMs = await drill.waitUntilHealed(deals[0]!, 5_000);
      console.log(`Disk-full drill: healed ${healedInMs} ms after the space was freed; ${drill.refusals.length} commands refused while full`);
      await drill.retryRefused();
      for (const dealId of deals) await drill.readDeal(dealId);
      drill.expectNoUnmarkedStaleRead();
    } finally {
      await stop(ledger.child);
    }
    drill.expectLogHoldsExactlyTheAcknowledged(dataDir, deals);
    await expectVerifiedWithReadModels(dataDir);
  }, 120_000);
});
