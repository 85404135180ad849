import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventHash,
  GENESIS_HASH,
  InMemoryEventStore,
  signCheckpoint,
  type EventStore,
  type RecordedEvent,
} from '#event-store';
import { ControlledClock, commandOf, laterHypotheticalLines, recordCommands, referenceDealLines } from '#testing';
import { readSigningKey } from '../tamper-evidence/signing-key.js';
import type { TamperEvidenceSettings } from '../tamper-evidence/tamper-evidence-settings.js';
import { BUNDLE_FILES, MANIFEST_FILE, renderJsonFile, signManifest, type BundleManifest } from './bundle-format.js';
import { buildEvidenceBundle, sha256 } from './evidence-bundle.js';
import { exportDealEvidence } from './export-deal-evidence.js';
import { figureHistoryOfEvents } from './figure-history-of-events.js';
import { FIGURE_HISTORY_CSV_HEADER, parseCsv } from './figure-history-csv.js';
import { verifyEvidenceBundle } from './verify-evidence-bundle.js';

const DEAL = 'caremag-2025';
let dir: string;
let settings: TamperEvidenceSettings;
let store: EventStore;
let bundle: Map<string, Buffer>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'evidence-bundle-'));
  settings = { signingKeyFile: join(dir, 'key.pem'), checkpointDir: join(dir, 'checkpoints') };
  const clock = new ControlledClock('2025-03-17T09:00:00.000Z');
  store = new InMemoryEventStore({ clock: clock.now });
  for (const line of [...referenceDealLines(), ...laterHypotheticalLines()]) {
    clock.advance(86_400_000);
    await recordCommands(store, [commandOf(line)]);
  }
  const exported = await exportDealEvidence(store, settings, { dealId: DEAL, actor: 'auditor', now: clock.now });
  if (!exported.ok) throw new Error('the reference deal did not export');
  bundle = exported.files;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const key = () => readSigningKey(settings.signingKeyFile)!;
const text = (files: Map<string, Buffer>, name: string) => files.get(name)!.toString('utf8');

describe('an evidence bundle', () => {
  it('verifies offline from its files alone, against the ledger key given apart', () => {
    expect([...bundle.keys()].sort()).toEqual([...Object.values(BUNDLE_FILES), MANIFEST_FILE].sort());
    expect(verifyEvidenceBundle(bundle, { trustedKey: key().publicKey })).toEqual({
      ok: true,
      keyPinned: true,
      dealId: DEAL,
      events: 16,
      lastPosition: 16,
      checkpointPosition: 16,
      checkpointSignedAt: expect.any(String),
      keyId: key().keyId,
    });
  });

  it('holds the deal’s events with their hashes, and the figure histories one row per value', async () => {
    const events = text(bundle, BUNDLE_FILES.events).trimEnd().split('\n').map((line) => JSON.parse(line) as RecordedEvent);
    expect(events).toEqual(await store.readStream(`deal-${DEAL}`));
    const [header, ...rows] = parseCsv(text(bundle, BUNDLE_FILES.figureHistories));
    expect(header).toEqual(FIGURE_HISTORY_CSV_HEADER);
    expect(rows).toHaveLength(figureHistoryOfEvents(DEAL, events).length);
    const col = (name: string) => header!.indexOf(name);
    const of = (figureId: string) => rows.filter((r) => r[col('figure_id')] === figureId);
    expect(of('investment-amount').map((r) => [r[col('change')], r[col('qualifier')], r[col('amount')], r[col('currency')]])).toEqual([
      ['initial', 'up_to', '110000000', 'EUR'],
      ['revision', 'exact', '95000000', 'EUR'],
    ]);
    expect(of('capacity-dysprosium').map((r) => [r[col('change')], r[col('amount')], r[col('unit')], r[col('recorded_by')]])).toEqual([
      ['initial', '500', 't', 'analyst-1'],
      ['correction', '50', 't', 'analyst-1'],
    ]);
  });

  it('proves the deal’s head with an audit path, without listing other streams', () => {
    const proof = JSON.parse(text(bundle, BUNDLE_FILES.headProof)) as { head: unknown[]; treeSize: number };
    expect(proof.head[0]).toBe(`deal-${DEAL}`);
    expect(text(bundle, BUNDLE_FILES.checkpoint)).not.toContain('"heads"');
  });

  describe('fails when any byte of any file changes', () => {
    it.each([...Object.values(BUNDLE_FILES), MANIFEST_FILE])('%s', (name) => {
      const original = bundle.get(name)!;
      for (const at of [0, Math.floor(original.length / 2), original.length - 1]) {
        const altered = Buffer.from(original);
        altered[at] = altered[at]! ^ 0x01;
        const result = verifyEvidenceBundle(new Map([...bundle, [name, altered]]));
        expect({ at, ok: result.ok }).toEqual({ at, ok: false });
        if (name !== MANIFEST_FILE) expect(result.problem).toMatchObject({ code: 'BUNDLE.FILE_ALTERED', file: name });
      }
    });

    it('or a file is missing, or one is added', () => {
      const without = new Map(bundle);
      without.delete(BUNDLE_FILES.chain);
      expect(verifyEvidenceBundle(without).problem).toMatchObject({ code: 'BUNDLE.MISSING_FILE', file: BUNDLE_FILES.chain });
      const extra = new Map([...bundle, ['notes.txt', Buffer.from('x')]]);
      expect(verifyEvidenceBundle(extra).problem).toMatchObject({ code: 'BUNDLE.UNLISTED_FILE', file: 'notes.txt' });
    });
  });

  it('fails when a file is replaced and the manifest’s hashes updated, without the key to sign it', () => {
    const events = Buffer.from(text(bundle, BUNDLE_FILES.events).replace('110000000', '100000000'));
    const manifest = JSON.parse(text(bundle, MANIFEST_FILE)) as BundleManifest;
    const file = manifest.files.find((f) => f.name === BUNDLE_FILES.events)!;
    Object.assign(file, { bytes: events.length, sha256: sha256(events) });
    const forged = new Map([...bundle, [BUNDLE_FILES.events, events], [MANIFEST_FILE, Buffer.from(renderJsonFile(manifest))]]);
    expect(verifyEvidenceBundle(forged).problem).toMatchObject({ code: 'BUNDLE.MANIFEST_SIGNATURE_INVALID' });
  });

  it('still proves its events when the manifest is signed over a broken chain or a missing event', () => {
    // What the offline checks catch even with a valid signature (a faulty exporter).
    const lines = text(bundle, BUNDLE_FILES.events).trimEnd().split('\n');
    const edited = lines.map((line, i) => (i === 3 ? line.replace('"analyst-1"', '"analyst-9"') : line));
    expect(verifyEvidenceBundle(resigned({ [BUNDLE_FILES.events]: `${edited.join('\n')}\n` })).problem).toMatchObject({
      code: 'BUNDLE.CHAIN_BROKEN',
      cause: { code: 'CHAIN.HASH_MISMATCH', revision: 3 },
    });
    const last = JSON.parse(lines.at(-2)!) as RecordedEvent;
    const shortened = resigned(
      { [BUNDLE_FILES.events]: `${lines.slice(0, -1).join('\n')}\n` },
      { eventCount: 15, lastHash: last.hash, lastPosition: last.position },
    );
    expect(verifyEvidenceBundle(shortened).problem).toMatchObject({ code: 'BUNDLE.NOT_COVERED' });
  });

  it('verifies when a forger re-signs everything with a key of their own, unless the ledger key is pinned', async () => {
    const forger = generateKeyPairSync('ed25519');
    const events = (await store.readStream(`deal-${DEAL}`)).map((e) => ({ ...e }));
    events[1] = { ...events[1]!, data: { ...events[1]!.data, investors: ['someone-else'] } };
    let previousHash = GENESIS_HASH;
    for (const event of events) {
      event.hash = eventHash({ ...event, previousHash });
      previousHash = event.hash;
    }
    const last = events.at(-1)!;
    const checkpoint = signCheckpoint(forger.privateKey, {
      position: last.position,
      eventCount: events.length,
      heads: [{ streamId: last.streamId, revision: last.revision, hash: last.hash }],
      signedAt: '2025-12-01T00:00:00.000Z',
    });
    const forged = buildEvidenceBundle({
      dealId: DEAL,
      streamId: last.streamId,
      events,
      figureHistory: figureHistoryOfEvents(DEAL, events),
      checkpoint,
      privateKey: forger.privateKey,
      publicKey: forger.publicKey,
      exportedAt: '2025-12-01T00:00:00.000Z',
    });
    expect(verifyEvidenceBundle(forged)).toMatchObject({ ok: true, keyPinned: false });
    expect(verifyEvidenceBundle(forged, { trustedKey: key().publicKey }).problem).toMatchObject({ code: 'BUNDLE.UNTRUSTED_KEY' });
  });
});

/** The bundle with some files replaced and the manifest re-signed with the ledger's own key. */
function resigned(replace: Record<string, string>, manifestChanges: Partial<BundleManifest> = {}): Map<string, Buffer> {
  const files = new Map(bundle);
  for (const [name, content] of Object.entries(replace)) files.set(name, Buffer.from(content));
  const { signature: _signature, ...manifest } = JSON.parse(text(bundle, MANIFEST_FILE)) as BundleManifest;
  const listed = manifest.files.map((f) => ({ ...f, bytes: files.get(f.name)!.length, sha256: sha256(files.get(f.name)!) }));
  files.set(MANIFEST_FILE, Buffer.from(renderJsonFile(signManifest({ ...manifest, ...manifestChanges, files: listed }, key().privateKey))));
  return files;
}
