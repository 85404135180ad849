import { readEvents } from './bundle-events.js';
import { checkPersonalData, type PersonalDataCheck } from './bundle-personal-data.js';
import { EVIDENCE_BUNDLE_FILES as FILES, parseManifest, revisionOfProofFile, type BundleManifest } from './bundle-format.js';
import { BundleFailure, fail, formatted, type BundleProblem } from './bundle-problem.js';
import { checkProofs } from './bundle-proofs.js';
import { openCheckpoint, type OpenedCheckpoint } from './checkpoint.js';
import { verifyCosignatures, type Cosigner } from './cosignature.js';
import { decodeUtf8, encodeBase64, sha256 } from './encoding.js';
import { parseSignedNote, verifyNote, type SignedNote } from './signed-note.js';
import { FormatError } from './verdict.js';
import { ED25519_COSIGNATURE, ED25519_NOTE, formatVerifierKey, parseVerifierKey, type VerifierKey } from './verifier-key.js';

/**
 * Checks an evidence bundle (bundle-format.ts) from its files alone, stopping at the first
 * problem; the events and the proofs are read by bundle-events.ts and bundle-proofs.ts.
 * What a pass proves, and what it does not, is in README.md ("Evidence bundle v2").
 */

/** Checks an RFC 3161 TimeStampResp (DER) against the data its imprint must be the SHA-256 of. */
export type TimestampCheck = (reply: Buffer, data: Buffer) => Promise<{ ok: true; genTime: string } | { ok: false; reason: string }>;

export interface BundlePolicy {
  /** The ledger's key, obtained apart from the bundle. Without it, the bundle's own ledger.vkey is used and keyPinned is false. */
  ledgerKey?: VerifierKey;
  /** Witness keys (cosignature/v1, type 0x04). */
  witnesses?: readonly VerifierKey[];
  /** How many of the witnesses must have cosigned the checkpoint (default 0). */
  requireCosignatures?: number;
  /** Checks checkpoint.tsr when given (the timestamp module's check, with its trust anchors). */
  verifyTimestamp?: TimestampCheck;
  /** Refuse cosignatures dated more than this many seconds after now (default: no limit). */
  maxFutureSkewSeconds?: number;
  /** POSIX seconds, for the skew (default: the clock). */
  now?: number;
}

export interface BundleSummary {
  dealId: string;
  streamId: string;
  /** How many events of the stream the bundle holds (revisions 0 to events - 1). */
  events: number;
  /** The size of the ledger's tree in the checkpoint. */
  treeSize: number;
  /** The checkpoint's root hash, standard base64. */
  root: string;
  /** The ledger's leaf index of each event, by revision. */
  leafIndices: number[];
  ledgerKey: { name: string; keyId: string; vkey: string };
  /** Whether the ledger key was given by the caller (else it is the bundle's own ledger.vkey). */
  keyPinned: boolean;
  /** Witnesses of the policy that validly cosigned the checkpoint, with their signed times. */
  cosigners: Cosigner[];
  /** The TSA's time, when checkpoint.tsr was checked. */
  timestamp?: { genTime: string };
  /** Names checked against the events' commitments, marked erased or unavailable (personal-data.jsonl), or how many went undisclosed. */
  personalData?: PersonalDataCheck;
  /** The revisions a recorded disposal emptied past retention: their hashes proven, their payloads gone. */
  disposedRevisions?: number[];
  /** What this verification did not establish. */
  notChecked: string[];
}

export type { BundleProblem, BundleProblemCode } from './bundle-problem.js';

export type BundleVerification = ({ ok: true } & BundleSummary) | { ok: false; keyPinned: boolean; problem: BundleProblem };

type Files = ReadonlyMap<string, Buffer>;
type OpenCheckpoint = Extract<OpenedCheckpoint, { ok: true }>;

/**
 * Verifies an evidence bundle given as its files (name → bytes; readBundleDirectory reads
 * a directory so). Throws only for a policy that cannot be met or a key of the wrong type.
 */
export async function verifyBundle(files: Files, policy: BundlePolicy = {}): Promise<BundleVerification> {
  checkPolicy(policy);
  const keyPinned = policy.ledgerKey !== undefined;
  try {
    const ledgerKey = chooseLedgerKey(files, policy.ledgerKey);
    const manifest = openManifest(files, ledgerKey);
    checkFileList(files, manifest);
    checkLedgerKeyFile(files, ledgerKey);
    const checkpoint = openBundleCheckpoint(files, ledgerKey, manifest);
    const events = readEvents(files, manifest);
    const leafIndices = checkProofs(files, manifest, events, checkpoint);
    const cosigners = checkCosignatures(checkpoint.note, policy);
    const timestamp = await checkTimestamp(files, checkpoint.ledgerSignedNote, policy.verifyTimestamp);
    const personalData = checkPersonalData(files, events);
    const disposedRevisions = events.filter((e) => e.disposal).map((e) => e.revision);
    return {
      ok: true,
      dealId: manifest.dealId,
      streamId: manifest.streamId,
      events: events.length,
      treeSize: checkpoint.checkpoint.treeSize,
      root: encodeBase64(checkpoint.checkpoint.rootHash),
      leafIndices,
      ledgerKey: { name: ledgerKey.name, keyId: ledgerKey.keyId, vkey: formatVerifierKey(ledgerKey) },
      keyPinned,
      cosigners,
      ...(timestamp ? { timestamp } : {}),
      ...(personalData ? { personalData } : {}),
      ...(disposedRevisions.length > 0 ? { disposedRevisions } : {}),
      notChecked: [
        ...notChecked(files, manifest, policy, keyPinned, personalData),
        ...(disposedRevisions.length > 0
          ? [`what revisions ${disposedRevisions.join(', ')} said: a recorded disposal emptied them past retention; only their hashes and places are proven`]
          : []),
      ],
    };
  } catch (error) {
    if (error instanceof BundleFailure) return { ok: false, keyPinned, problem: error.problem };
    throw error;
  }
}

function checkPolicy(policy: BundlePolicy): void {
  if (policy.ledgerKey && policy.ledgerKey.type !== ED25519_NOTE) throw new TypeError('the ledger key must be an Ed25519 note key (type 0x01)');
  const witnesses = policy.witnesses ?? [];
  if (witnesses.some((key) => key.type !== ED25519_COSIGNATURE)) throw new TypeError('witness keys must be cosignature/v1 keys (type 0x04)');
  const required = policy.requireCosignatures ?? 0;
  if (!Number.isSafeInteger(required) || required < 0) throw new RangeError(`requireCosignatures ${required} is not a count`);
  if (required > witnesses.length) throw new RangeError(`${required} cosignatures required from ${witnesses.length} witness keys: it can never pass`);
}

/** The pinned key, else the bundle's; a bundle that names another key than the pinned one is not the ledger's. */
export function chooseLedgerKey(files: Files, pinned: VerifierKey | undefined): VerifierKey {
  const file = FILES.ledgerKey;
  const content = files.get(file);
  const own = content === undefined ? undefined : readLedgerKeyFile(content);
  if (pinned) {
    if (own && formatVerifierKey(own) !== formatVerifierKey(pinned)) {
      const message = `The bundle is signed with key ${own.name} ${own.keyId}, not with the ledger key you gave (${pinned.name} ${pinned.keyId})`;
      fail('BUNDLE.UNTRUSTED_KEY', message, { file });
    }
    return pinned;
  }
  if (content === undefined) fail('BUNDLE.MISSING_FILE', `${file} is missing, and no ledger key was given`, { file });
  return own ?? fail('BUNDLE.KEY_INVALID', `${file} is not one line holding an Ed25519 verifier key (vkey)`, { file });
}

function readLedgerKeyFile(content: Buffer): VerifierKey | undefined {
  const text = decodeUtf8(content);
  if (text === undefined || !text.endsWith('\n') || text.indexOf('\n') !== text.length - 1) return undefined;
  try {
    const key = parseVerifierKey(text.slice(0, -1));
    return key.type === ED25519_NOTE ? key : undefined;
  } catch (error) {
    if (error instanceof FormatError) return undefined;
    throw error;
  }
}

/** With a pinned key, ledger.vkey was not needed to start with; it must still be that key. */
function checkLedgerKeyFile(files: Files, ledgerKey: VerifierKey): void {
  const own = readLedgerKeyFile(files.get(FILES.ledgerKey)!);
  if (!own) fail('BUNDLE.KEY_INVALID', `${FILES.ledgerKey} is not one line holding an Ed25519 verifier key (vkey)`, { file: FILES.ledgerKey });
  if (formatVerifierKey(own) !== formatVerifierKey(ledgerKey)) {
    fail('BUNDLE.UNTRUSTED_KEY', `${FILES.ledgerKey} is not the ledger key`, { file: FILES.ledgerKey });
  }
}

function openManifest(files: Files, ledgerKey: VerifierKey): BundleManifest {
  const file = FILES.manifest;
  const content = files.get(file) ?? fail('BUNDLE.MISSING_FILE', `${file} is missing`, { file });
  const note = formatted(() => parseSignedNote(content), 'BUNDLE.MANIFEST_MALFORMED', file);
  const verified = verifyNote(note, [ledgerKey]);
  if (!verified.ok) fail('BUNDLE.MANIFEST_SIGNATURE_INVALID', `${file}: ${verified.reason}`, { file });
  return formatted(() => parseManifest(note.text), 'BUNDLE.MANIFEST_MALFORMED', file);
}

/** Exactly the listed files, each with its listed size and SHA-256 (a regulator package's too). */
export function checkFileList(files: Files, manifest: Pick<BundleManifest, 'files'>): void {
  const listed = new Map(manifest.files.map((entry) => [entry.name, entry]));
  for (const name of [...files.keys()].sort()) {
    if (name !== FILES.manifest && !listed.has(name)) {
      fail('BUNDLE.UNLISTED_FILE', `${name} is not listed in the manifest: it was added after the ledger signed it`, { file: name });
    }
  }
  for (const { name } of manifest.files) {
    if (!files.has(name)) fail('BUNDLE.MISSING_FILE', `${name} is listed in the manifest but missing`, { file: name });
  }
  for (const { name, bytes, sha256: listedHash } of manifest.files) {
    const content = files.get(name)!;
    const found = sha256(content).toString('hex');
    if (content.length !== bytes || found !== listedHash) {
      const message = `${name} is not the file the ledger signed: ${content.length} bytes with SHA-256 ${found}, listed ${bytes} bytes with ${listedHash}`;
      fail('BUNDLE.FILE_ALTERED', message, { file: name });
    }
  }
  for (const name of [FILES.events, FILES.checkpoint, FILES.ledgerKey]) {
    if (!listed.has(name)) fail('BUNDLE.MANIFEST_MALFORMED', `the manifest does not list ${name}, which every bundle has`, { file: FILES.manifest });
  }
}

function openBundleCheckpoint(files: Files, ledgerKey: VerifierKey, manifest: BundleManifest): OpenCheckpoint {
  const file = FILES.checkpoint;
  const opened = openCheckpoint(files.get(file)!, ledgerKey);
  if (!opened.ok) fail('BUNDLE.CHECKPOINT_INVALID', `${file}: ${opened.reason}`, { file });
  if (opened.checkpoint.treeSize !== manifest.treeSize) {
    fail('BUNDLE.INCONSISTENT', `the manifest names a tree of ${manifest.treeSize} events, the checkpoint one of ${opened.checkpoint.treeSize}`, {
      file: FILES.manifest,
    });
  }
  return opened;
}

function checkCosignatures(note: SignedNote, policy: BundlePolicy): Cosigner[] {
  const witnesses = policy.witnesses ?? [];
  if (witnesses.length === 0) return [];
  const file = FILES.checkpoint;
  const quorum = policy.requireCosignatures ?? 0;
  const verified = verifyCosignatures(note, witnesses, { quorum, maxFutureSkewSeconds: policy.maxFutureSkewSeconds, now: policy.now });
  if (verified.ok) return verified.cosigners;
  if (verified.invalid.length > 0) fail('BUNDLE.COSIGNATURE_INVALID', `a witness cosignature does not hold: ${verified.reason}`, { file });
  return fail('BUNDLE.COSIGNATURES_MISSING', `too few witnesses cosigned the checkpoint: ${verified.reason}`, { file });
}

async function checkTimestamp(files: Files, ledgerSignedNote: string, check: TimestampCheck | undefined): Promise<{ genTime: string } | undefined> {
  const file = FILES.timestamp;
  const reply = files.get(file);
  if (reply === undefined || check === undefined) return undefined;
  let verdict: Awaited<ReturnType<TimestampCheck>>;
  try {
    verdict = await check(reply, Buffer.from(ledgerSignedNote, 'utf8'));
  } catch (error) {
    return fail('BUNDLE.TIMESTAMP_INVALID', `${file} could not be checked: ${(error as Error).message}`, { file });
  }
  if (!verdict.ok) fail('BUNDLE.TIMESTAMP_INVALID', `${file}: ${verdict.reason}`, { file });
  return { genTime: verdict.genTime };
}

function notChecked(files: Files, manifest: BundleManifest, policy: BundlePolicy, keyPinned: boolean, personalData: PersonalDataCheck | undefined): string[] {
  const checked = new Set<string>([FILES.events, FILES.checkpoint, FILES.ledgerKey, FILES.timestamp, FILES.personalData]);
  const bytesOnly = manifest.files.map((f) => f.name).filter((name) => !checked.has(name) && revisionOfProofFile(name) === undefined);
  return [
    ...(keyPinned
      ? []
      : ['that the signing key is the ledger’s: it came with the bundle (ledger.vkey); compare it with one obtained elsewhere, or pin it']),
    ...(bytesOnly.length > 0 ? [`what ${bytesOnly.join(', ')} say: only that their bytes are those the ledger listed in the signed manifest`] : []),
    ...((policy.witnesses ?? []).length === 0 ? ['that anyone but the ledger saw this checkpoint: no witness keys were given'] : []),
    ...(!files.has(FILES.timestamp)
      ? ['when the checkpoint existed: the bundle has no RFC 3161 timestamp']
      : policy.verifyTimestamp
        ? []
        : [`when the checkpoint existed: ${FILES.timestamp} was not checked (no timestamp check given)`]),
    ...(personalData && 'undisclosed' in personalData
      ? [`which names ${personalData.undisclosed} token(s) of events.jsonl stand for: the bundle has no ${FILES.personalData}`]
      : []),
    'the position cursors in events.jsonl, which no hash covers (each proof’s leaf index is the event’s place in the log)',
    'that the bundle holds every event of the stream up to the checkpoint: the ledger’s signature on the manifest vouches for that, the tree does not',
    'that this checkpoint is consistent with other checkpoints of the ledger you hold: check a consistency proof (verifyConsistency)',
  ];
}

