import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { localApiKey, startServe, stop } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';
import { expectVerifiedWithReadModels, FaultDrill } from './support/fault-drill.js';
import { mountSmallFilesystem, type SmallFilesystem } from './support/small-filesystem.js';

/**
 * The operator's bad day: a ledger's files on a small filesystem that fills up, then gets
 * room again. While it is full, commands are refused with 503 and Retry-After and reads
 * say they are stale; once space is freed, within 5 s and without a restart, a command is
 * readable right after its 201 and /health/ready is 200. Then every acknowledged command is
 * stored exactly once, and `ledger verify --read-models` is intact (the read models equal
 * their events).
 */
const small = mountSmallFilesystem(24);
const describeMounted = 'dir' in small ? describe : describe.skip;
if (!('dir' in small)) console.log(`Disk-full drills: skipped (${small.unavailable})`);

describeMounted('a full disk, then space freed again', () => {
  const fs = small as SmallFilesystem;
  const deals = ['north', 'south'];

  afterAll(() => fs.unmount());

  it('the whole data directory on it: commands refused while full, healed on its own once freed', async () => {
    const dataDir = join(fs.dir, 'data');
    const ledger = await startServe({ LEDGER_DATA_DIR: dataDir, LEDGER_SEED: 'none', LEDGER_CHECKPOINT_EVERY_SECONDS: '1' });
    const drill = new FaultDrill(ledger.url, localApiKey(dataDir));
    try {
      await recordSome(drill);
      fs.fill();
      // SQLite may still reuse pages it holds for a few writes; the disk is full well before 200.
      const refused = await whileFull(drill, (status) => status === 503);
      expect(refused).toBe(5);
      // The log's file refuses the command, or the read models' file could not show it (recorded).
      expect(drill.refusals.every((r) => ['STORE.UNAVAILABLE', 'COMMAND.RECORDED_NOT_READABLE'].includes(r.code) && r.retryAfter !== null)).toBe(true);
      // Which parts stopped depends on which file met the full disk first: said, not asserted.
      const whileFullReady = await fetch(`${ledger.url}/health/ready`);
      console.log(`Disk-full drill: while full, /health/ready ${whileFullReady.status} ${await whileFullReady.text()}`);

      fs.free();
      console.log(`Disk-full drill: healed ${await drill.waitUntilHealed(deals[0]!, 5_000)} ms after the space was freed`);
      await finish(drill);
    } finally {
      await stop(ledger.child);
    }
    drill.expectLogHoldsExactlyTheAcknowledged(dataDir, deals);
    await expectVerifiedWithReadModels(dataDir);
  }, 120_000);

  it('only the read models on it (the case that once needed a restart): recorded commands answer 503 until readable, reads say they are stale', async () => {
    const data = tempDataDir();
    const readModelsDir = join(fs.dir, 'read-models');
    mkdirSync(readModelsDir);
    // SQLite follows the link and keeps its WAL beside the file it points to: on the small filesystem.
    symlinkSync(join(readModelsDir, 'read-models.sqlite'), join(data.dir, 'read-models.sqlite'));
    const ledger = await startServe({ LEDGER_DATA_DIR: data.dir, LEDGER_SEED: 'none' });
    const drill = new FaultDrill(ledger.url, localApiKey(data.dir));
    try {
      await recordSome(drill);
      fs.fill();
      const notReadable = await whileFull(drill, (status) => status === 503);
      expect(notReadable).toBe(5);
      expect(drill.refusals.every((r) => r.code === 'COMMAND.RECORDED_NOT_READABLE' && r.retryAfter !== null)).toBe(true);
      expect(drill.reads.some((read) => read.stale)).toBe(true);
      const ready = await fetch(`${ledger.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ components: expect.arrayContaining([expect.objectContaining({ component: 'projections', state: 'recovering' })]) });

      fs.free();
      console.log(`Disk-full drill (read models): healed ${await drill.waitUntilHealed(deals[0]!, 5_000)} ms after the space was freed`);
      await finish(drill);
    } finally {
      await stop(ledger.child);
    }
    drill.expectLogHoldsExactlyTheAcknowledged(data.dir, deals);
    await expectVerifiedWithReadModels(data.dir);
    data.remove();
  }, 120_000);

  async function recordSome(drill: FaultDrill): Promise<void> {
    for (const dealId of deals) await drill.registerDeal(dealId);
    for (let i = 0; i < 10; i++) expect(await drill.recordFigure(deals[i % 2]!)).toBe(201);
  }

  /** Commands and reads until five commands met `refused`; resolves with how many did. */
  async function whileFull(drill: FaultDrill, refused: (status: number) => boolean): Promise<number> {
    let count = 0;
    for (let i = 0; i < 200 && count < 5; i++) {
      if (refused(await drill.recordFigure(deals[i % 2]!))) count += 1;
      await drill.readDeal(deals[i % 2]!);
    }
    return count;
  }

  /** The client's retries of what was refused, then the last reads, then the stale check. */
  async function finish(drill: FaultDrill): Promise<void> {
    await drill.retryRefused();
    for (const dealId of deals) await drill.readDeal(dealId);
    drill.expectNoUnmarkedStaleRead();
  }
});
