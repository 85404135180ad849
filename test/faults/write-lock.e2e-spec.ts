import { join } from 'node:path';
import { localApiKey, startServe, stop } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';
import { expectVerifiedWithReadModels, FaultDrill } from './support/fault-drill.js';
import { holdWriteLock } from './support/lock-holder.js';

/**
 * Another process holds a SQLite write lock longer than the ledger waits for it (its busy
 * timeout, 5 s), on the two files a running ledger shares with `ledger` commands (the read
 * models and the subscriptions are its alone: it holds them exclusively). The events' file:
 * commands are refused with 503 and Retry-After while it is held. The proofs' file: the
 * log tree stops growing and starts again on its own (its restarts count it). Once the lock
 * is released, everything is back on its own within seconds.
 */
const HOLD_MS = 7_000;

describe('a second process holding a SQLite write lock', () => {
  const data = tempDataDir();

  afterAll(() => data.remove());

  it.each([
    { file: 'events.sqlite', refused: 'STORE.UNAVAILABLE', stopped: undefined },
    { file: 'transparency.sqlite', refused: undefined, stopped: 'log-tree' },
  ])('$file locked: refused or restarted while held, healed on its own once released', async ({ file, refused, stopped }) => {
    const ledger = await startServe({ LEDGER_DATA_DIR: data.dir, LEDGER_SEED: 'none' });
    const drill = new FaultDrill(ledger.url, localApiKey(data.dir));
    const dealId = file.replace(/\W/g, '-');
    try {
      await drill.registerDeal(dealId);
      for (let i = 0; i < 3; i++) expect(await drill.recordFigure(dealId)).toBe(201);

      const lock = await holdWriteLock(join(data.dir, file));
      const heldUntil = Date.now() + HOLD_MS;
      while (Date.now() < heldUntil) {
        await drill.recordFigure(dealId);
        await drill.readDeal(dealId);
      }
      await lock.release();
      if (refused) expect(drill.refusals.map((r) => r.code)).toContain(refused);
      expect(drill.refusals.every((r) => r.status === 503 && r.retryAfter !== null)).toBe(true);

      const healedInMs = await drill.waitUntilHealed(dealId, 10_000);
      // The part the lock stopped started again on its own (between two 5 s waits for the lock
      // it is `recovering` too briefly to be sure to see it so): its restarts say it did.
      if (stopped) expect(await restartsOf(ledger.url, stopped)).toBeGreaterThan(0);
      console.log(`Write-lock drill (${file}): healed ${healedInMs} ms after the lock was released; refusals ${JSON.stringify(drill.refusals.map((r) => r.code))}`);
      await drill.retryRefused();
      await drill.readDeal(dealId);
      drill.expectNoUnmarkedStaleRead();
    } finally {
      await stop(ledger.child);
    }
    drill.expectLogHoldsExactlyTheAcknowledged(data.dir, [dealId]);
    await expectVerifiedWithReadModels(data.dir);
  }, 120_000);
});

async function restartsOf(url: string, component: string): Promise<number | undefined> {
  const body = (await (await fetch(`${url}/health/ready`)).json()) as { components?: { component: string; restarts: number }[] };
  return body.components?.find((c) => c.component === component)?.restarts;
}
