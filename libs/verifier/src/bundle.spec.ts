import { generateKeyPairSync } from 'node:crypto';
import { EVIDENCE_BUNDLE_FILES as FILES, formatEventLine, proofFileName } from './bundle-format.js';
import { verifyBundle, type BundlePolicy, type TimestampCheck } from './bundle.js';
import { formatCheckpoint } from './checkpoint.js';
import { cosign } from './cosignature.js';
import { sha256 } from './encoding.js';
import { eventHash } from './event-hash.js';
import { signedNote } from './signed-note.js';
import { mth } from './testing/reference-tree.js';
import { proofFileFor, signManifest, writeTestBundle, type TestBundle } from './testing/evidence-bundle.js';
import { ED25519_COSIGNATURE, verifierKeyFromPublicKey } from './verifier-key.js';

const signerNamed = (name: string) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signer: { name, privateKey }, noteKey: verifierKeyFromPublicKey(name, publicKey), witnessKey: verifierKeyFromPublicKey(name, publicKey, ED25519_COSIGNATURE) };
};
const ledger = signerNamed('deal-ledger.local/0123456789abcdef');
const w1 = signerNamed('witness.example/w1');
const w2 = signerNamed('witness.example/w2');
const w3 = signerNamed('witness.example/w3');

/** A stand-in for the RFC 3161 check: the "reply" is a tag and the SHA-256 of the data it stamps. */
const fakeReply = (data: Buffer) => Buffer.concat([Buffer.from('TSR:'), sha256(data)]);
const fakeTimestampCheck: TimestampCheck = async (reply, data) =>
  reply.subarray(4).equals(sha256(data)) ? { ok: true, genTime: '2025-03-17T10:00:00Z' } : { ok: false, reason: 'the imprint is not the SHA-256 of the checkpoint' };

const bundle = writeTestBundle({
  ledger: ledger.signer,
  witnesses: [
    { signer: w1.signer, timestamp: 1_742_205_600 },
    { signer: w2.signer, timestamp: 1_742_205_601 },
  ],
  timestampReply: fakeReply,
});
const pinned: BundlePolicy = { ledgerKey: ledger.noteKey };
const header = (b: TestBundle = bundle) => ({ dealId: b.dealId, streamId: b.streamId, treeSize: b.leaves.length });

/** A copy of the bundle with some files replaced (undefined: removed), and the manifest signed again by the ledger. */
function forged(changes: Record<string, string | Buffer | undefined>, from: TestBundle = bundle): Map<string, Buffer> {
  const files = new Map(from.files);
  for (const [name, content] of Object.entries(changes)) {
    if (content === undefined) files.delete(name);
    else files.set(name, Buffer.from(content));
  }
  signManifest(files, ledger.signer, header(from));
  return files;
}
const text = (name: string, files = bundle.files) => files.get(name)!.toString('utf8');
const eventLines = () => text(FILES.events).split('\n').slice(0, -1);

describe('verifyBundle', () => {
  it('accepts the bundle as the ledger wrote it, and says what it established', async () => {
    const result = await verifyBundle(bundle.files, { ...pinned, witnesses: [w1.witnessKey, w2.witnessKey], requireCosignatures: 2, verifyTimestamp: fakeTimestampCheck });
    expect(result).toEqual({
      ok: true,
      dealId: 'caremag-2025',
      streamId: 'deal-caremag-2025',
      events: 3,
      treeSize: 11,
      root: mth(bundle.leaves).toString('base64'),
      leafIndices: [2, 5, 8],
      ledgerKey: { name: ledger.noteKey.name, keyId: ledger.noteKey.keyId, vkey: text(FILES.ledgerKey).trim() },
      keyPinned: true,
      cosigners: [
        { name: 'witness.example/w1', keyId: w1.witnessKey.keyId, timestamp: 1_742_205_600 },
        { name: 'witness.example/w2', keyId: w2.witnessKey.keyId, timestamp: 1_742_205_601 },
      ],
      timestamp: { genTime: '2025-03-17T10:00:00Z' },
      notChecked: [
        'what VERIFY.txt, figure-histories.csv say: only that their bytes are those the ledger listed in the signed manifest',
        'the position cursors in events.jsonl, which no hash covers (each proof’s leaf index is the event’s place in the log)',
        'that the bundle holds every event of the stream up to the checkpoint: the ledger’s signature on the manifest vouches for that, the tree does not',
        'that this checkpoint is consistent with other checkpoints of the ledger you hold: check a consistency proof (verifyConsistency)',
      ],
    });
  });

  it('without a pinned key, checks the bundle against its own ledger.vkey and says that this proves nothing of who signed', async () => {
    const result = await verifyBundle(bundle.files);
    expect(result).toMatchObject({ ok: true, keyPinned: false, cosigners: [] });
    const notChecked = result.ok ? result.notChecked : [];
    expect(notChecked).toEqual(
      expect.arrayContaining([
        expect.stringContaining('that the signing key is the ledger’s'),
        'that anyone but the ledger saw this checkpoint: no witness keys were given',
        'when the checkpoint existed: checkpoint.tsr was not checked (no timestamp check given)',
      ]),
    );
  });

  it('rejects the bundle with any one byte of any file changed, for each byte in turn', async () => {
    const policy = { ...pinned, witnesses: [w1.witnessKey, w2.witnessKey], requireCosignatures: 2, verifyTimestamp: fakeTimestampCheck };
    const accepted: string[] = [];
    const codes = new Map<string, Set<string>>();
    let tried = 0;
    for (const [name, content] of bundle.files) {
      for (let i = 0; i < content.length; i++) {
        for (const mask of [0x01, 0xff]) {
          const altered = Buffer.from(content);
          altered[i]! ^= mask;
          const result = await verifyBundle(new Map([...bundle.files, [name, altered]]), policy);
          tried++;
          if (result.ok) accepted.push(`${name}[${i}] ^ ${mask}`);
          else codes.set(name, (codes.get(name) ?? new Set()).add(result.problem.code));
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(tried).toBeGreaterThan(2 * 5000);
    // Every file but the manifest is caught by its hash in the signed manifest.
    for (const [name, found] of codes) if (name !== FILES.manifest) expect([name, [...found]]).toEqual([name, ['BUNDLE.FILE_ALTERED']]);
    expect([...codes.get(FILES.manifest)!]).toEqual(expect.arrayContaining(['BUNDLE.MANIFEST_SIGNATURE_INVALID', 'BUNDLE.MANIFEST_MALFORMED']));
  });

  describe('the ledger key', () => {
    const impostor = signerNamed(ledger.noteKey.name);
    const forgedByImpostor = writeTestBundle({ ledger: impostor.signer });

    it('passes a bundle made whole by another key only as unpinned, naming that key', async () => {
      expect(await verifyBundle(forgedByImpostor.files)).toMatchObject({ ok: true, keyPinned: false, ledgerKey: { keyId: impostor.noteKey.keyId } });
    });

    it('rejects it when the ledger key is pinned', async () => {
      expect(await verifyBundle(forgedByImpostor.files, pinned)).toMatchObject({
        ok: false,
        keyPinned: true,
        problem: { code: 'BUNDLE.UNTRUSTED_KEY', file: FILES.ledgerKey },
      });
    });

    it('rejects a manifest signed by another key than the bundle’s ledger.vkey', async () => {
      const files = new Map(bundle.files);
      signManifest(files, impostor.signer, header());
      expect(await verifyBundle(files)).toMatchObject({ ok: false, problem: { code: 'BUNDLE.MANIFEST_SIGNATURE_INVALID', file: FILES.manifest } });
    });

    it('rejects a malformed or missing ledger.vkey when it is the only key', async () => {
      expect(await verifyBundle(forged({ [FILES.ledgerKey]: 'not a key\n' }))).toMatchObject({ ok: false, problem: { code: 'BUNDLE.KEY_INVALID' } });
      expect(await verifyBundle(forged({ [FILES.ledgerKey]: undefined }))).toMatchObject({ ok: false, problem: { code: 'BUNDLE.MISSING_FILE', file: FILES.ledgerKey } });
      expect(await verifyBundle(forged({ [FILES.ledgerKey]: `${text(FILES.ledgerKey)}\n` }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.KEY_INVALID', file: FILES.ledgerKey },
      });
    });

    it('rejects a checkpoint signed by another key, or for another origin', async () => {
      const otherText = formatCheckpoint({ origin: impostor.noteKey.name, treeSize: 11, rootHash: mth(bundle.leaves), extensions: [] });
      const byImpostor = signedNote(otherText, impostor.signer);
      expect(await verifyBundle(forged({ [FILES.checkpoint]: byImpostor }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.CHECKPOINT_INVALID', file: FILES.checkpoint, message: expect.stringContaining('no signature by a trusted key') },
      });
      const otherOrigin = formatCheckpoint({ origin: 'another.example/log', treeSize: 11, rootHash: mth(bundle.leaves), extensions: [] });
      const forOtherOrigin = signedNote(otherOrigin, ledger.signer);
      expect(await verifyBundle(forged({ [FILES.checkpoint]: forOtherOrigin }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.CHECKPOINT_INVALID', message: expect.stringContaining('origin') },
      });
    });
  });

  describe('the file list', () => {
    it('rejects a file added, or removed, or with other bytes than listed', async () => {
      expect(await verifyBundle(new Map([...bundle.files, ['notes.txt', Buffer.from('hi')]]), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.UNLISTED_FILE', file: 'notes.txt' },
      });
      const without = new Map(bundle.files);
      without.delete(FILES.figureHistories);
      expect(await verifyBundle(without, pinned)).toMatchObject({ ok: false, problem: { code: 'BUNDLE.MISSING_FILE', file: FILES.figureHistories } });
      const noManifest = new Map(bundle.files);
      noManifest.delete(FILES.manifest);
      expect(await verifyBundle(noManifest, pinned)).toMatchObject({ ok: false, problem: { code: 'BUNDLE.MISSING_FILE', file: FILES.manifest } });
      const csv = text(FILES.figureHistories).replace('caremag-2025,', 'caremag-2026,');
      expect(await verifyBundle(new Map([...bundle.files, [FILES.figureHistories, Buffer.from(csv)]]), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.FILE_ALTERED', file: FILES.figureHistories },
      });
    });

    it('rejects a signed manifest that leaves out the events or the checkpoint', async () => {
      expect(await verifyBundle(forged({ [FILES.events]: undefined }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.MANIFEST_MALFORMED', message: expect.stringContaining(FILES.events) },
      });
      expect(await verifyBundle(forged({ [FILES.checkpoint]: undefined }), pinned)).toMatchObject({ ok: false, problem: { code: 'BUNDLE.MANIFEST_MALFORMED' } });
    });

    it('rejects a manifest whose tree is not the checkpoint’s', async () => {
      const files = new Map(bundle.files);
      signManifest(files, ledger.signer, { ...header(), treeSize: 12 });
      expect(await verifyBundle(files, pinned)).toMatchObject({ ok: false, problem: { code: 'BUNDLE.INCONSISTENT', file: FILES.manifest } });
    });
  });

  describe('the events', () => {
    /** The events file with the data of the event at `revision` changed and its hash recomputed to fit. */
    const rehashedAfterChanging = (revision: number): string => {
      const events = [...bundle.events];
      const changed = { ...events[revision]!, data: { ...events[revision]!.data, value: '999' } };
      events[revision] = { ...changed, hash: eventHash({ ...changed, previousHash: events[revision - 1]!.hash }) };
      return events.map(formatEventLine).join('');
    };

    /** The events file with the events at `revisions` emptied by a disposal, as the ledger exports them. */
    const disposed = (revisions: number[], change: (event: (typeof bundle.events)[number]) => object = () => ({})): string =>
      bundle.events
        .map((event, i) =>
          revisions.includes(i)
            ? { ...event, data: {}, metadata: {}, disposal: { disposalEventId: '0190f5d2-0000-7000-8000-00000000d15c', disposedAt: '2031-04-01T00:00:00.000Z' }, ...change(event) }
            : event,
        )
        .map(formatEventLine)
        .join('');

    it('accepts events a recorded disposal emptied, by their proofs and the next event’s link, and says their payloads are not proven', async () => {
      const result = await verifyBundle(forged({ [FILES.events]: disposed([0, 1]) }), pinned);
      expect(result).toMatchObject({ ok: true, events: 3, disposedRevisions: [0, 1] });
      expect(result.ok && result.notChecked.at(-1)).toMatch(/what revisions 0, 1 said: a recorded disposal emptied them/);
      // All of them, the last one proven by its inclusion proof alone.
      expect(await verifyBundle(forged({ [FILES.events]: disposed([0, 1, 2]) }), pinned)).toMatchObject({ ok: true, disposedRevisions: [0, 1, 2] });
    });

    it('names an emptied event whose hash was replaced, and one that kept a payload beside its disposal', async () => {
      expect(await verifyBundle(forged({ [FILES.events]: disposed([1], () => ({ hash: 'a'.repeat(64) })) }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.CHAIN_BROKEN', revision: 2 },
      });
      expect(await verifyBundle(forged({ [FILES.events]: disposed([2], () => ({ hash: 'a'.repeat(64) })) }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.NOT_COVERED', revision: 2 },
      });
      expect(await verifyBundle(forged({ [FILES.events]: disposed([1], (e) => ({ data: e.data })) }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.EVENTS_MALFORMED' },
      });
    });

    it('names the revision whose data was changed', async () => {
      const lines = eventLines();
      lines[1] = lines[1]!.replace('110000001', '110000009');
      expect(await verifyBundle(forged({ [FILES.events]: `${lines.join('\n')}\n` }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.CHAIN_BROKEN', file: FILES.events, revision: 1 },
      });
    });

    it('names the next revision when a changed event’s hash was recomputed too', async () => {
      expect(await verifyBundle(forged({ [FILES.events]: rehashedAfterChanging(1) }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.CHAIN_BROKEN', revision: 2 },
      });
    });

    it('finds a changed last event by its proof when its hash was recomputed', async () => {
      expect(await verifyBundle(forged({ [FILES.events]: rehashedAfterChanging(2) }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.NOT_COVERED', file: proofFileName(2), revision: 2 },
      });
    });

    it('names the gap when an event was taken out', async () => {
      const lines = eventLines();
      lines.splice(1, 1);
      expect(await verifyBundle(forged({ [FILES.events]: `${lines.join('\n')}\n`, [proofFileName(2)]: undefined }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.CHAIN_BROKEN', revision: 1, message: expect.stringContaining('holds revision 2 where revision 1 belongs') },
      });
    });

    it('rejects events of another stream than the manifest’s', async () => {
      const files = new Map(bundle.files);
      signManifest(files, ledger.signer, { ...header(), streamId: 'deal-other' });
      expect(await verifyBundle(files, pinned)).toMatchObject({ ok: false, problem: { code: 'BUNDLE.INCONSISTENT', file: FILES.events } });
    });

    it.each([
      ['not JSON', (line: string) => line.slice(1)],
      ['not canonical (a space)', (line: string) => line.replace('{"data":', '{ "data":')],
      ['a field more', (line: string) => line.replace('{"data":', '{"comment":"x","data":')],
      ['a hash in uppercase', (line: string) => line.replace(/"hash":"([0-9a-f]+)"/, (_, h: string) => `"hash":"${h.toUpperCase()}"`)],
      ['a revision as a string', (line: string) => line.replace('"revision":0', '"revision":"0"')],
    ])('rejects an event line that is %s', async (_, change) => {
      const lines = eventLines();
      lines[0] = change(lines[0]!);
      expect(await verifyBundle(forged({ [FILES.events]: `${lines.join('\n')}\n` }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.EVENTS_MALFORMED', file: FILES.events },
      });
    });

    it('rejects an empty events file', async () => {
      expect(await verifyBundle(forged({ [FILES.events]: '' }), pinned)).toMatchObject({ ok: false, problem: { code: 'BUNDLE.EVENTS_MALFORMED' } });
    });
  });

  describe('the proofs', () => {
    const proofOf = (revision: number, change: { index?: number; checkpoint?: string }) =>
      proofFileFor(bundle, revision, { index: change.index, checkpoint: change.checkpoint ?? text(FILES.checkpoint) });

    it('rejects an event whose proof is missing', async () => {
      expect(await verifyBundle(forged({ [proofFileName(1)]: undefined }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.NOT_COVERED', file: proofFileName(1), revision: 1 },
      });
    });

    it('rejects a proof for an event the bundle does not have', async () => {
      expect(await verifyBundle(forged({ [proofFileName(3)]: text(proofFileName(2)) }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.INCONSISTENT', file: proofFileName(3) },
      });
    });

    it('rejects a proof at another leaf index', async () => {
      expect(await verifyBundle(forged({ [proofFileName(1)]: proofOf(1, { index: 4 }) }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.NOT_COVERED', revision: 1, message: expect.stringContaining('leaf 4') },
      });
    });

    it('rejects a proof against another checkpoint than the bundle’s, even one the ledger signed', async () => {
      const other = formatCheckpoint({ origin: ledger.noteKey.name, treeSize: 9, rootHash: mth(bundle.leaves.slice(0, 9)), extensions: [] });
      const signed = signedNote(other, ledger.signer);
      expect(await verifyBundle(forged({ [proofFileName(0)]: proofOf(0, { checkpoint: signed }) }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.INCONSISTENT', file: proofFileName(0), revision: 0 },
      });
    });

    it('rejects a malformed proof', async () => {
      expect(await verifyBundle(forged({ [proofFileName(0)]: text(proofFileName(0)).replace('index ', 'index 0') }), pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.PROOF_MALFORMED', file: proofFileName(0), revision: 0 },
      });
    });

    it('rejects a stream whose events sit in the log out of revision order', async () => {
      const reversed = writeTestBundle({ ledger: ledger.signer, reversedInLog: true });
      expect(await verifyBundle(reversed.files, pinned)).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.INCONSISTENT', revision: 1, message: expect.stringContaining('not after revision 0') },
      });
    });
  });

  describe('cosignatures', () => {
    const witnesses = [w1.witnessKey, w2.witnessKey, w3.witnessKey];

    it('counts the witnesses of the policy that cosigned, and requires as many as asked', async () => {
      expect(await verifyBundle(bundle.files, { ...pinned, witnesses, requireCosignatures: 2 })).toMatchObject({
        ok: true,
        cosigners: [{ name: 'witness.example/w1' }, { name: 'witness.example/w2' }],
      });
      expect(await verifyBundle(bundle.files, { ...pinned, witnesses, requireCosignatures: 3 })).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.COSIGNATURES_MISSING', file: FILES.checkpoint, message: expect.stringContaining('2 of the 3 witnesses cosigned, 3 required') },
      });
    });

    it('rejects a cosignature of a known witness that does not verify', async () => {
      const other = formatCheckpoint({ origin: ledger.noteKey.name, treeSize: 12, rootHash: Buffer.alloc(32), extensions: [] });
      const checkpoint = `${bundle.ledgerSignedCheckpoint}${cosign(other, 1_742_205_600, w3.signer)}`;
      const files = forged({
        [FILES.checkpoint]: checkpoint,
        ...Object.fromEntries(bundle.events.map((e) => [proofFileName(e.revision), proofFileFor(bundle, e.revision, { checkpoint })])),
      });
      expect(await verifyBundle(files, pinned)).toMatchObject({ ok: true });
      expect(await verifyBundle(files, { ...pinned, witnesses })).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.COSIGNATURE_INVALID', message: expect.stringContaining('witness.example/w3') },
      });
    });

    it('refuses a policy that can never pass, or keys of the wrong kind', async () => {
      await expect(verifyBundle(bundle.files, { witnesses: [w1.witnessKey], requireCosignatures: 2 })).rejects.toThrow(RangeError);
      await expect(verifyBundle(bundle.files, { witnesses: [w1.noteKey] })).rejects.toThrow(TypeError);
      await expect(verifyBundle(bundle.files, { ledgerKey: ledger.witnessKey })).rejects.toThrow(TypeError);
    });
  });

  describe('the RFC 3161 timestamp', () => {
    it('is checked against the checkpoint as the ledger signed it, without the cosignatures', async () => {
      const seen: Buffer[] = [];
      const check: TimestampCheck = async (reply, data) => {
        seen.push(data);
        return fakeTimestampCheck(reply, data);
      };
      expect(await verifyBundle(bundle.files, { ...pinned, verifyTimestamp: check })).toMatchObject({ ok: true, timestamp: { genTime: '2025-03-17T10:00:00Z' } });
      expect(seen.map(String)).toEqual([bundle.ledgerSignedCheckpoint]);
      expect(bundle.ledgerSignedCheckpoint).not.toBe(text(FILES.checkpoint));
    });

    it('rejects a reply over other data, or one the check cannot read', async () => {
      const files = forged({ [FILES.timestamp]: fakeReply(Buffer.from(text(FILES.checkpoint))) });
      expect(await verifyBundle(files, { ...pinned, verifyTimestamp: fakeTimestampCheck })).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.TIMESTAMP_INVALID', file: FILES.timestamp, message: expect.stringContaining('imprint') },
      });
      const throwing: TimestampCheck = async () => {
        throw new Error('not DER');
      };
      expect(await verifyBundle(bundle.files, { ...pinned, verifyTimestamp: throwing })).toMatchObject({
        ok: false,
        problem: { code: 'BUNDLE.TIMESTAMP_INVALID', message: `${FILES.timestamp} could not be checked: not DER` },
      });
    });

    it('says when the bundle has no timestamp', async () => {
      const result = await verifyBundle(forged({ [FILES.timestamp]: undefined }), { ...pinned, verifyTimestamp: fakeTimestampCheck });
      expect(result).toMatchObject({ ok: true, notChecked: expect.arrayContaining(['when the checkpoint existed: the bundle has no RFC 3161 timestamp']) });
      expect(result).not.toHaveProperty('timestamp');
    });
  });

  it('accepts a bundle of one event', async () => {
    const single = writeTestBundle({ ledger: ledger.signer, events: 1 });
    expect(await verifyBundle(single.files, pinned)).toMatchObject({ ok: true, events: 1, leafIndices: [2], treeSize: 5 });
  });
});
