import { checkFileList, chooseLedgerKey, verifyBundle, type BundlePolicy, type BundleSummary } from './bundle.js';
import { EVIDENCE_BUNDLE_FILES } from './bundle-format.js';
import { BundleFailure, fail, formatted, type BundleProblem } from './bundle-problem.js';
import { decodeUtf8 } from './encoding.js';
import {
  parseRegulatorManifest,
  REGULATOR_PACKAGE_FILES as FILES,
  type ExportScope,
  type RegulatorManifest,
} from './regulator-package-format.js';
import { parseSignedNote, verifyNote } from './signed-note.js';
import { formatVerifierKey } from './verifier-key.js';

export interface RegulatorPackageSummary {
  scope: ExportScope;
  requestedBy: string;
  /** The events the scope selected (events.jsonl), each found in a bundle that proves it. */
  events: number;
  treeSize: number;
  root: string;
  ledgerKey: BundleSummary['ledgerKey'];
  keyPinned: boolean;
  /** Each stream's bundle as verifyBundle found it, by stream id. */
  bundles: { streamId: string; events: number }[];
  cosigners: BundleSummary['cosigners'];
  notChecked: string[];
}

export type RegulatorPackageVerification = ({ ok: true } & RegulatorPackageSummary) | { ok: false; keyPinned: boolean; problem: BundleProblem };

const BUNDLES = /^bundles\/([^/]+)\/([^/]+)$/;

/**
 * Verifies a regulator package (regulator-package-format.ts) given as its files (path →
 * bytes): the MANIFEST's signature and every file's SHA-256, then each stream's evidence
 * bundle with verifyBundle (the same policy, the same ledger key), then that events.jsonl
 * holds only events those bundles prove, once each, in log order. What the PDF and CSV say
 * is not checked: only that their bytes are those the ledger signed.
 */
export async function verifyRegulatorPackage(files: ReadonlyMap<string, Buffer>, policy: BundlePolicy = {}): Promise<RegulatorPackageVerification> {
  const keyPinned = policy.ledgerKey !== undefined;
  try {
    const ledgerKey = chooseLedgerKey(files, policy.ledgerKey);
    const manifest = openManifest(files, ledgerKey);
    checkFileList(files, manifest);
    const bundles = groupBundles(files);
    if (bundles.size === 0) fail('BUNDLE.MISSING_FILE', 'the package holds no bundle (bundles/<stream>/…)', { file: 'bundles/' });
    const checkpoint = files.get(FILES.checkpoint)!;
    const leafOfLine = new Map<string, number>();
    const summaries: BundleSummary[] = [];
    for (const [streamId, bundle] of bundles) {
      const where = `bundles/${streamId}/`;
      const result = await verifyBundle(bundle, { ...policy, ledgerKey });
      if (!result.ok) throw new BundleFailure({ ...result.problem, file: `${where}${result.problem.file ?? ''}`, message: `${where}: ${result.problem.message}` });
      if (result.streamId !== streamId) fail('BUNDLE.INCONSISTENT', `${where} holds stream ${result.streamId}`, { file: where });
      if (!bundle.get(EVIDENCE_BUNDLE_FILES.checkpoint)!.equals(checkpoint) || result.treeSize !== manifest.treeSize) {
        fail('BUNDLE.INCONSISTENT', `${where}checkpoint is not the package's checkpoint`, { file: `${where}checkpoint` });
      }
      const lines = decodeUtf8(bundle.get(EVIDENCE_BUNDLE_FILES.events)!)!.slice(0, -1).split('\n');
      lines.forEach((line, revision) => leafOfLine.set(line, result.leafIndices[revision]!));
      summaries.push(result);
    }
    const events = checkSelectedEvents(files, leafOfLine);
    checkScope(manifest.scope, summaries, files);
    const first = summaries[0]!;
    return {
      ok: true,
      scope: manifest.scope,
      requestedBy: manifest.requestedBy,
      events,
      treeSize: manifest.treeSize,
      root: first.root,
      ledgerKey: { name: ledgerKey.name, keyId: ledgerKey.keyId, vkey: formatVerifierKey(ledgerKey) },
      keyPinned,
      bundles: summaries.map((s) => ({ streamId: s.streamId, events: s.events })),
      cosigners: first.cosigners,
      notChecked: [
        `what ${FILES.report} and ${FILES.figureHistories} say: only that their bytes are those the ledger listed in the signed manifest`,
        'that the scope selected every event it should: the ledger’s signature on the manifest vouches for that, the tree does not',
        ...first.notChecked.filter((line) => !line.startsWith('what ')),
      ],
    };
  } catch (error) {
    if (error instanceof BundleFailure) return { ok: false, keyPinned, problem: error.problem };
    throw error;
  }
}

function openManifest(files: ReadonlyMap<string, Buffer>, ledgerKey: ReturnType<typeof chooseLedgerKey>): RegulatorManifest {
  const file = FILES.manifest;
  const content = files.get(file) ?? fail('BUNDLE.MISSING_FILE', `${file} is missing`, { file });
  const note = formatted(() => parseSignedNote(content), 'BUNDLE.MANIFEST_MALFORMED', file);
  const verified = verifyNote(note, [ledgerKey]);
  if (!verified.ok) fail('BUNDLE.MANIFEST_SIGNATURE_INVALID', `${file}: ${verified.reason}`, { file });
  return formatted(() => parseRegulatorManifest(note.text), 'BUNDLE.MANIFEST_MALFORMED', file);
}

/** The files under bundles/<stream id>/, as one file map per stream, in stream-id order. */
function groupBundles(files: ReadonlyMap<string, Buffer>): Map<string, Map<string, Buffer>> {
  const bundles = new Map<string, Map<string, Buffer>>();
  for (const path of [...files.keys()].sort()) {
    const match = BUNDLES.exec(path);
    if (!match) continue;
    const [, streamId, name] = match;
    if (!bundles.has(streamId!)) bundles.set(streamId!, new Map());
    bundles.get(streamId!)!.set(name!, files.get(path)!);
  }
  return bundles;
}

/** Every line of events.jsonl is an event a bundle proves, once, in the log's order. Returns the count. */
function checkSelectedEvents(files: ReadonlyMap<string, Buffer>, leafOfLine: ReadonlyMap<string, number>): number {
  const file = FILES.events;
  const text = decodeUtf8(files.get(file)!) ?? fail('BUNDLE.EVENTS_MALFORMED', `${file} is not UTF-8`, { file });
  if (!text.endsWith('\n')) fail('BUNDLE.EVENTS_MALFORMED', `${file} is empty or does not end with a newline`, { file });
  let previous = -1;
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, i) => {
    const leaf = leafOfLine.get(line) ?? fail('BUNDLE.NOT_COVERED', `${file} line ${i + 1} is not an event of any bundle of the package, byte for byte`, { file });
    if (leaf <= previous) fail('BUNDLE.INCONSISTENT', `${file} line ${i + 1} (leaf ${leaf}) is not after the line before it (leaf ${previous}): not in log order, or twice`, { file });
    previous = leaf;
  });
  return lines.length;
}

/**
 * What the manifest's scope says of the events, where the files can show it: a deal's package
 * is that deal's one bundle, all its events selected; a period's events were recorded in it.
 * (A party's deals are the ledger's word: which deals name a party is not in the proofs.)
 */
function checkScope(scope: ExportScope, bundles: readonly BundleSummary[], files: ReadonlyMap<string, Buffer>): void {
  const file = FILES.events;
  const selected = decodeUtf8(files.get(file)!)!.slice(0, -1).split('\n').map((line) => JSON.parse(line) as { recordedAt: string });
  if (scope.kind === 'deal') {
    const [only, ...others] = bundles;
    if (others.length > 0 || only!.dealId !== scope.dealId || only!.events !== selected.length) {
      fail('BUNDLE.INCONSISTENT', `a package of deal ${scope.dealId} holds that deal's one bundle and all of its events`, { file: FILES.manifest });
    }
  }
  if (scope.kind === 'recorded') {
    const [from, to] = [Date.parse(scope.from), Date.parse(scope.to)];
    selected.forEach((event, i) => {
      const at = Date.parse(event.recordedAt);
      if (!(at >= from && at < to)) fail('BUNDLE.INCONSISTENT', `${file} line ${i + 1} was recorded at ${event.recordedAt}, outside [${scope.from}, ${scope.to})`, { file });
    });
  }
}
