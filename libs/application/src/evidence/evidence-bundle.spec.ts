import { generateKeyPairSync } from 'node:crypto';
import { CheckpointBook, InMemoryEventStore, LogTreeFollower, openTransparencyDatabase, type EventStore } from '#event-store';
import { ControlledClock, commandOf, laterHypotheticalLines, recordCommands, referenceDealLines } from '#testing';
import { EVIDENCE_BUNDLE_FILES as FILES, parseTlogProof, proofFileName, verifyBundle, type BundleEvent } from '#verifier';
import { CheckpointSigner } from '../tamper-evidence/checkpoint-signer.js';
import { ledgerSigner, type LedgerSigner } from '../tamper-evidence/ledger-signer.js';
import type { TamperEvidenceSettings } from '../tamper-evidence/tamper-evidence-settings.js';
import { TransparencyLog } from '../tamper-evidence/transparency-log.js';
import { exportDealEvidence } from './export-deal-evidence.js';
import { figureHistoryOfEvents } from './figure-history-of-events.js';
import { FIGURE_HISTORY_CSV_HEADER, parseCsv } from './figure-history-csv.js';

const DEAL = 'caremag-2025';
const settings: TamperEvidenceSettings = { signingKeyFile: '/nonexistent/key.pem', checkpoints: 'off', densePositions: true };

interface Ledger {
  store: EventStore;
  log: TransparencyLog;
  signing: { signer: LedgerSigner; checkpoints: CheckpointSigner };
  close(): Promise<void>;
}

/** The reference deal and its later events, in memory, with a log tree and a signer: the ledger as `ledger export` sees it. */
async function referenceLedger(): Promise<Ledger> {
  const clock = new ControlledClock('2025-03-17T09:00:00.000Z');
  const store = new InMemoryEventStore({ clock: clock.now });
  for (const line of [...referenceDealLines(), ...laterHypotheticalLines()]) {
    clock.advance(86_400_000);
    await recordCommands(store, [commandOf(line)]);
  }
  const db = openTransparencyDatabase(':memory:');
  const follower = new LogTreeFollower(store, db, { densePositions: true });
  await follower.start();
  const log = new TransparencyLog(follower, new CheckpointBook(db));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = ledgerSigner({ privateKey, publicKey }, 'deal-ledger.test/reference');
  return {
    store,
    log,
    signing: { signer, checkpoints: new CheckpointSigner(log, signer, { now: clock.now }) },
    async close() {
      await follower.stop();
      db.close();
    },
  };
}

let ledger: Ledger;
let bundle: Map<string, Buffer>;
let signedNewCheckpoint: boolean;
beforeAll(async () => {
  ledger = await referenceLedger();
  const exported = await exportDealEvidence(ledger.store, ledger.log, ledger.signing, settings, { dealId: DEAL });
  if (!exported.ok) throw new Error(`the reference deal did not export: ${exported.reason}`);
  ({ files: bundle, signedNewCheckpoint } = exported);
});
afterAll(() => ledger.close());

const text = (name: string) => bundle.get(name)!.toString('utf8');

describe("a deal's evidence bundle", () => {
  it('verifies offline with the verifier alone, against the ledger key given apart', async () => {
    expect(signedNewCheckpoint).toBe(true);
    const events = await ledger.store.readStream(`deal-${DEAL}`);
    expect(await verifyBundle(bundle, { ledgerKey: ledger.signing.signer.verifierKey })).toMatchObject({
      ok: true,
      keyPinned: true,
      dealId: DEAL,
      events: events.length,
      treeSize: ledger.log.tree.size(),
    });
    // Another key (a forger's, or a rotated one) is not the ledger's.
    const other = ledgerSigner(generateKeyPairSync('ed25519'), 'deal-ledger.test/reference');
    expect(await verifyBundle(bundle, { ledgerKey: other.verifierKey })).toMatchObject({ ok: false });
  });

  it("holds the deal's events as stored, a proof of each in the whole log, and the figure histories one row per value", async () => {
    const stored = await ledger.store.readStream(`deal-${DEAL}`);
    const events = text(FILES.events).trimEnd().split('\n').map((line) => JSON.parse(line) as BundleEvent);
    expect(events).toEqual(stored.map((e) => ({ ...e, position: String(e.position) })));
    for (const event of stored) {
      const proof = parseTlogProof(text(proofFileName(event.revision)));
      expect(proof.index).toBe(ledger.log.tree.leafIndexOf(event.position));
      expect(proof.checkpoint).toBe(text(FILES.checkpoint));
    }
    const [header, ...rows] = parseCsv(text(FILES.figureHistories));
    expect(header).toEqual(FIGURE_HISTORY_CSV_HEADER);
    expect(rows).toHaveLength(figureHistoryOfEvents(DEAL, stored).length);
    const col = (name: string) => header!.indexOf(name);
    const of = (figureId: string) => rows.filter((r) => r[col('figure_id')] === figureId);
    expect(of('investment-amount').map((r) => [r[col('change')], r[col('qualifier')], r[col('amount')], r[col('currency')]])).toEqual([
      ['initial', 'up_to', '110000000', 'EUR'],
      ['revision', 'exact', '95000000', 'EUR'],
    ]);
  });

  it('reuses the checkpoint that covers the deal, and signs none when one does', async () => {
    const again = await exportDealEvidence(ledger.store, ledger.log, ledger.signing, settings, { dealId: DEAL });
    expect(again).toMatchObject({ ok: true, signedNewCheckpoint: false, treeSize: ledger.log.book.latest()!.treeSize });
  });

  it('is not exported from a ledger that does not verify: here, a checkpoint signed by a key that is not its own', async () => {
    const other = await referenceLedger();
    try {
      await other.log.follower.catchUp();
      const intruder = ledgerSigner(generateKeyPairSync('ed25519'), 'deal-ledger.test/intruder');
      expect(await new CheckpointSigner(other.log, intruder, { now: () => new Date() }).sign()).toHaveProperty('signed');
      const exported = await exportDealEvidence(other.store, other.log, other.signing, settings, { dealId: DEAL });
      expect(exported).toMatchObject({ ok: false, report: { problem: { code: 'CHECKPOINT.UNTRUSTED_KEY' } } });
    } finally {
      await other.close();
    }
  });
});
