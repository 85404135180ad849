import { generateKeyPairSync } from 'node:crypto';
import { EVIDENCE_BUNDLE_FILES, formatEventLine } from './bundle-format.js';
import { FormatError } from './verdict.js';
import {
  bundleDirectory,
  formatRegulatorManifest,
  manifestEntryOf,
  parseRegulatorManifest,
  REGULATOR_PACKAGE_FILES as FILES,
  type ExportScope,
} from './regulator-package-format.js';
import { verifyRegulatorPackage } from './regulator-package.js';
import { signedNote } from './signed-note.js';
import { writeTestBundle, type TestBundle } from './testing/evidence-bundle.js';
import { verifierKeyFromPublicKey } from './verifier-key.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const ledger = { name: 'deal-ledger.local/0123456789abcdef', privateKey };
const ledgerKey = verifierKeyFromPublicKey(ledger.name, publicKey);
const scope: ExportScope = { kind: 'recorded', from: '2025-03-17T09:00:01.000Z', to: '2025-03-17T09:00:03.000Z' };
const bundle = writeTestBundle({ ledger, events: 4 });

/** A package around the test bundle: `selected` are the revisions events.jsonl holds; MANIFEST signed over whatever the files are. */
function packageOf(selected: readonly number[], edit: (files: Map<string, Buffer>, b: TestBundle) => void = () => {}, asked: ExportScope = scope): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const [name, bytes] of bundle.files) files.set(`${bundleDirectory(bundle.streamId)}${name}`, bytes);
  files.set(FILES.events, Buffer.from(selected.map((revision) => formatEventLine(bundle.events[revision]!)).join('')));
  files.set(FILES.figureHistories, Buffer.from('deal_id\r\n'));
  files.set(FILES.checkpoint, bundle.files.get(EVIDENCE_BUNDLE_FILES.checkpoint)!);
  files.set(FILES.ledgerKey, bundle.files.get(EVIDENCE_BUNDLE_FILES.ledgerKey)!);
  files.set(FILES.report, Buffer.from('%PDF-1.3 stand-in'));
  files.set(FILES.readme, Buffer.from('read me\n'));
  edit(files, bundle);
  const text = formatRegulatorManifest({
    scope: asked,
    requestedBy: 'auditor-1',
    treeSize: bundle.leaves.length,
    files: [...files].filter(([name]) => name !== FILES.manifest).map(([name, bytes]) => manifestEntryOf(name, bytes)),
  });
  files.set(FILES.manifest, Buffer.from(signedNote(text, ledger)));
  return files;
}

describe('a regulator package', () => {
  it('verifies: its manifest, each stream bundle, and that events.jsonl holds only events the bundles prove, in log order', async () => {
    const result = await verifyRegulatorPackage(packageOf([1, 2]), { ledgerKey });
    expect(result).toMatchObject({
      ok: true,
      scope,
      requestedBy: 'auditor-1',
      events: 2,
      treeSize: bundle.leaves.length,
      keyPinned: true,
      bundles: [{ streamId: bundle.streamId, events: 4 }],
    });
  });

  it('is refused when an event it selected was recorded outside the period its manifest names', async () => {
    // The test bundle's revisions are recorded at 09:00:00, :01, :02, :03; the period is [:01, :03).
    expect(await verifyRegulatorPackage(packageOf([1, 2, 3]), { ledgerKey })).toMatchObject({
      ok: false,
      problem: { code: 'BUNDLE.INCONSISTENT', file: FILES.events, message: expect.stringMatching(/line 3 was recorded at 2025-03-17T09:00:03.000Z, outside/) },
    });
  });

  it("holds, for a deal, that deal's one bundle and every one of its events", async () => {
    const deal: ExportScope = { kind: 'deal', dealId: bundle.dealId };
    expect(await verifyRegulatorPackage(packageOf([0, 1, 2, 3], undefined, deal), { ledgerKey })).toMatchObject({ ok: true, scope: deal, events: 4 });
    expect(await verifyRegulatorPackage(packageOf([0, 1, 3], undefined, deal), { ledgerKey })).toMatchObject({ ok: false, problem: { code: 'BUNDLE.INCONSISTENT' } });
    const other: ExportScope = { kind: 'deal', dealId: 'another-deal' };
    expect(await verifyRegulatorPackage(packageOf([0, 1, 2, 3], undefined, other), { ledgerKey })).toMatchObject({ ok: false, problem: { code: 'BUNDLE.INCONSISTENT' } });
  });

  it('is refused when a file differs from what the manifest lists', async () => {
    const files = packageOf([1, 2]);
    files.set(FILES.report, Buffer.from('%PDF-1.3 another'));
    expect(await verifyRegulatorPackage(files, { ledgerKey })).toMatchObject({ ok: false, problem: { code: 'BUNDLE.FILE_ALTERED', file: FILES.report } });
  });

  it('is refused when events.jsonl is out of log order or repeats an event, even with a manifest signed over it', async () => {
    for (const selected of [[2, 1], [1, 1]]) {
      expect(await verifyRegulatorPackage(packageOf(selected), { ledgerKey })).toMatchObject({ ok: false, problem: { code: 'BUNDLE.INCONSISTENT', file: FILES.events } });
    }
  });

  it('is refused when events.jsonl holds an event no bundle proves', async () => {
    const files = packageOf([1], (f, b) => {
      const forged = { ...b.events[1]!, data: { figure: 'amount', value: '1' } };
      f.set(FILES.events, Buffer.from(formatEventLine(forged)));
    });
    expect(await verifyRegulatorPackage(files, { ledgerKey })).toMatchObject({ ok: false, problem: { code: 'BUNDLE.NOT_COVERED', file: FILES.events } });
  });

  it("names the bundle's file when a bundle inside does not verify", async () => {
    const files = packageOf([1], (f, b) => f.set(`${bundleDirectory(b.streamId)}${EVIDENCE_BUNDLE_FILES.events}`, Buffer.from(formatEventLine(b.events[0]!))));
    expect(await verifyRegulatorPackage(files, { ledgerKey })).toMatchObject({
      ok: false,
      problem: { code: 'BUNDLE.FILE_ALTERED', file: `${bundleDirectory(bundle.streamId)}${EVIDENCE_BUNDLE_FILES.events}` },
    });
  });

  it('is refused when its checkpoint is not the one its bundles prove against', async () => {
    const other = writeTestBundle({ ledger, events: 2 });
    const files = packageOf([1], (f) => f.set(FILES.checkpoint, other.files.get(EVIDENCE_BUNDLE_FILES.checkpoint)!));
    expect(await verifyRegulatorPackage(files, { ledgerKey })).toMatchObject({ ok: false, problem: { code: 'BUNDLE.INCONSISTENT' } });
  });

  it('is refused when signed by another key than the one given', async () => {
    const other = verifierKeyFromPublicKey(ledger.name, generateKeyPairSync('ed25519').publicKey);
    expect(await verifyRegulatorPackage(packageOf([1]), { ledgerKey: other })).toMatchObject({ ok: false, keyPinned: true, problem: { code: 'BUNDLE.UNTRUSTED_KEY' } });
  });
});

describe("a regulator package's manifest", () => {
  const entry = manifestEntryOf('bundles/deal-x/events.jsonl', Buffer.from('x'));

  it('reads back what it writes, for each scope', () => {
    const scopes: ExportScope[] = [{ kind: 'deal', dealId: 'caremag-2025' }, { kind: 'party', partyId: 'iwatani' }, scope];
    for (const s of scopes) {
      const text = formatRegulatorManifest({ scope: s, requestedBy: 'cli:analyst one', treeSize: 31, files: [entry] });
      expect(parseRegulatorManifest(text)).toEqual({ scope: s, requestedBy: 'cli:analyst one', treeSize: 31, files: [entry] });
    }
  });

  it('refuses paths that climb, hide or are absolute, and a requester of two lines', () => {
    for (const name of ['../events.jsonl', 'bundles/.hidden', '/etc/passwd', 'bundles//x']) {
      expect(() => formatRegulatorManifest({ scope, requestedBy: 'a', treeSize: 1, files: [{ ...entry, name }] })).toThrow(FormatError);
    }
    expect(() => formatRegulatorManifest({ scope, requestedBy: 'a\nscope deal x', treeSize: 1, files: [entry] })).toThrow(FormatError);
  });
});
