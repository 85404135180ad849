import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  canonicalJson,
  ChainVerifier,
  checkpointSignatureProblem,
  parseCheckpoint,
  publicKeyId,
  rootOfInclusionProof,
  type Checkpoint,
  type HeadInclusionProof,
  type ChainProblem,
  type RecordedEvent,
} from '#event-store';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  MANIFEST_FILE,
  manifestSignatureHolds,
  renderJsonFile,
  type BundleManifest,
} from './bundle-format.js';
import { chainOf, sha256 } from './evidence-bundle.js';
import { FIGURE_HISTORY_CSV_HEADER, parseCsv } from './figure-history-csv.js';

export type BundleProblemCode =
  | 'BUNDLE.MANIFEST_MALFORMED'
  | 'BUNDLE.MISSING_FILE'
  | 'BUNDLE.UNLISTED_FILE'
  | 'BUNDLE.FILE_ALTERED'
  | 'BUNDLE.KEY_INVALID'
  | 'BUNDLE.UNTRUSTED_KEY'
  | 'BUNDLE.MANIFEST_SIGNATURE_INVALID'
  | 'BUNDLE.CHECKPOINT_INVALID'
  | 'BUNDLE.CHAIN_BROKEN'
  | 'BUNDLE.NOT_COVERED'
  | 'BUNDLE.INCONSISTENT';

export interface BundleProblem {
  code: BundleProblemCode;
  message: string;
  file?: string;
  /** For a broken chain or checkpoint: what the ledger's own verification says. */
  cause?: ChainProblem;
}

export interface BundleVerification {
  ok: boolean;
  dealId?: string;
  events?: number;
  lastPosition?: number;
  checkpointPosition?: number;
  checkpointSignedAt?: string;
  keyId?: string;
  /** Whether the key was checked against one given by the caller (else only the bundle's own). */
  keyPinned: boolean;
  problem?: BundleProblem;
}

class BundleFailure extends Error {
  constructor(readonly problem: BundleProblem) {
    super(problem.message);
  }
}

const fail = (code: BundleProblemCode, message: string, extra: Partial<BundleProblem> = {}): never => {
  throw new BundleFailure({ code, message, ...extra });
};

/**
 * Checks an evidence bundle offline, from its files alone: every byte is covered by the
 * signed manifest, the events rebuild their own hash chain, and the chain's head is a head
 * of the signed checkpoint. With `trustedKey` (obtained apart from the bundle) the signer is
 * checked too; without it the bundle proves only that it is intact as its signer made it.
 */
export function verifyEvidenceBundle(files: ReadonlyMap<string, Buffer>, options: { trustedKey?: KeyObject } = {}): BundleVerification {
  const result: BundleVerification = { ok: false, keyPinned: options.trustedKey !== undefined };
  try {
    const manifest = readManifest(files);
    Object.assign(result, { dealId: manifest.dealId, checkpointPosition: manifest.checkpointPosition, keyId: manifest.keyId });
    checkFileList(files, manifest);
    const publicKey = readKey(files, manifest, options.trustedKey);
    if (!manifestSignatureHolds(manifest, publicKey)) {
      fail('BUNDLE.MANIFEST_SIGNATURE_INVALID', 'The manifest is not signed by the bundle’s key: it was altered', { file: MANIFEST_FILE });
    }
    const checkpoint = readCheckpoint(files, publicKey, manifest);
    Object.assign(result, { checkpointSignedAt: checkpoint.signedAt });
    const events = readEvents(files, manifest);
    Object.assign(result, { events: events.length, lastPosition: events.at(-1)!.position });
    checkCoverage(files, events, checkpoint, manifest);
    checkDerivedFiles(files, manifest, events);
    return { ...result, ok: true };
  } catch (error) {
    if (error instanceof BundleFailure) return { ...result, ok: false, problem: error.problem };
    throw error;
  }
}

function readManifest(files: ReadonlyMap<string, Buffer>): BundleManifest {
  const bytes = files.get(MANIFEST_FILE) ?? fail('BUNDLE.MISSING_FILE', `${MANIFEST_FILE} is missing`, { file: MANIFEST_FILE });
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as BundleManifest;
  } catch {
    return fail('BUNDLE.MANIFEST_MALFORMED', `${MANIFEST_FILE} is not JSON`, { file: MANIFEST_FILE });
  }
  if (
    manifest?.format !== BUNDLE_FORMAT ||
    typeof manifest.signature !== 'string' ||
    typeof manifest.keyId !== 'string' ||
    !Array.isArray(manifest.files) ||
    !manifest.files.every((f) => typeof f?.name === 'string' && typeof f.bytes === 'number' && typeof f.sha256 === 'string')
  ) {
    fail('BUNDLE.MANIFEST_MALFORMED', `${MANIFEST_FILE} is not a manifest of ${BUNDLE_FORMAT}`, { file: MANIFEST_FILE });
  }
  // One rendering only: a change of white space or escaping is a change too.
  if (renderJsonFile(manifest) !== bytes.toString('utf8') || Buffer.from(manifest.signature, 'base64').toString('base64') !== manifest.signature) {
    fail('BUNDLE.MANIFEST_MALFORMED', `${MANIFEST_FILE} is not byte for byte as the ledger writes it: it was edited`, { file: MANIFEST_FILE });
  }
  return manifest;
}

function checkFileList(files: ReadonlyMap<string, Buffer>, manifest: BundleManifest): void {
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const name of Object.values(BUNDLE_FILES)) {
    if (!listed.has(name)) fail('BUNDLE.MANIFEST_MALFORMED', `The manifest does not list ${name}`, { file: MANIFEST_FILE });
  }
  for (const { name, bytes, sha256: expected } of manifest.files) {
    const content = files.get(name) ?? fail('BUNDLE.MISSING_FILE', `${name} is missing`, { file: name });
    const found = sha256(content);
    if (content.length !== bytes || found !== expected) {
      fail('BUNDLE.FILE_ALTERED', `${name} is not the file the manifest lists (SHA-256 ${found}, listed ${expected})`, { file: name });
    }
  }
  for (const name of files.keys()) {
    if (name !== MANIFEST_FILE && !listed.has(name)) fail('BUNDLE.UNLISTED_FILE', `${name} is not part of the bundle`, { file: name });
  }
}

function readKey(files: ReadonlyMap<string, Buffer>, manifest: BundleManifest, trustedKey: KeyObject | undefined): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(files.get(BUNDLE_FILES.publicKey)!);
  } catch {
    return fail('BUNDLE.KEY_INVALID', `${BUNDLE_FILES.publicKey} is not a public key`, { file: BUNDLE_FILES.publicKey });
  }
  if (key.asymmetricKeyType !== 'ed25519' || publicKeyId(key) !== manifest.keyId) {
    fail('BUNDLE.KEY_INVALID', `${BUNDLE_FILES.publicKey} is not the Ed25519 key ${manifest.keyId} the manifest names`, {
      file: BUNDLE_FILES.publicKey,
    });
  }
  if (trustedKey && publicKeyId(trustedKey) !== manifest.keyId) {
    fail('BUNDLE.UNTRUSTED_KEY', `Signed by key ${manifest.keyId}, not by the trusted key ${publicKeyId(trustedKey)}`, {
      file: BUNDLE_FILES.publicKey,
    });
  }
  return key;
}

function readCheckpoint(files: ReadonlyMap<string, Buffer>, publicKey: KeyObject, manifest: BundleManifest): Checkpoint {
  const file = BUNDLE_FILES.checkpoint;
  const text = files.get(file)!.toString('utf8');
  const parsed = parseCheckpoint(parseJson(text, file, 'BUNDLE.CHECKPOINT_INVALID'));
  if ('error' in parsed || parsed.checkpoint.heads) return fail('BUNDLE.CHECKPOINT_INVALID', `${file} is not a checkpoint`, { file });
  const { checkpoint } = parsed;
  const problem = checkpointSignatureProblem(checkpoint, publicKey, file);
  if (problem) fail('BUNDLE.CHECKPOINT_INVALID', problem.message, { file, cause: problem });
  if (renderJsonFile(checkpoint) !== text || checkpoint.position !== manifest.checkpointPosition) {
    fail('BUNDLE.INCONSISTENT', `${file} is not the checkpoint the manifest names`, { file });
  }
  return checkpoint;
}

function readEvents(files: ReadonlyMap<string, Buffer>, manifest: BundleManifest): RecordedEvent[] {
  const file = BUNDLE_FILES.events;
  const lines = files.get(file)!.toString('utf8').split('\n');
  if (lines.pop() !== '') fail('BUNDLE.INCONSISTENT', `${file} does not end with a line break`, { file });
  const verifier = new ChainVerifier();
  const events = lines.map((line, i) => {
    let event: RecordedEvent;
    try {
      event = JSON.parse(line) as RecordedEvent;
    } catch {
      return fail('BUNDLE.INCONSISTENT', `${file} line ${i + 1} is not JSON`, { file });
    }
    if (event === null || typeof event !== 'object' || canonicalJson(event) !== line || event.streamId !== manifest.streamId) {
      fail('BUNDLE.INCONSISTENT', `${file} line ${i + 1} is not an event of ${manifest.streamId} as the ledger writes it`, { file });
    }
    const problem = verifier.check(event);
    if (problem) fail('BUNDLE.CHAIN_BROKEN', `${file} line ${i + 1}: ${problem.message}`, { file, cause: problem });
    return event;
  });
  const last = events.at(-1);
  if (!last || events.length !== manifest.eventCount || last.hash !== manifest.lastHash || last.position !== manifest.lastPosition) {
    fail('BUNDLE.INCONSISTENT', `${file} does not hold the ${manifest.eventCount} events the manifest names`, { file });
  }
  return events;
}

/**
 * The deal's last event must be its stream's head in the signed checkpoint (proved by the
 * audit path to its Merkle root): no event of the deal was left out or added.
 */
function checkCoverage(files: ReadonlyMap<string, Buffer>, events: RecordedEvent[], checkpoint: Checkpoint, manifest: BundleManifest): void {
  const file = BUNDLE_FILES.headProof;
  const text = files.get(file)!.toString('utf8');
  const proof = parseJson(text, file, 'BUNDLE.NOT_COVERED') as HeadInclusionProof;
  const wellFormed =
    Array.isArray(proof?.head) && Array.isArray(proof.path) && proof.path.every((h) => typeof h === 'string') && renderJsonFile(proof) === text;
  if (!wellFormed || rootOfInclusionProof(proof) !== checkpoint.headsRoot || proof.treeSize !== checkpoint.streamCount) {
    fail('BUNDLE.NOT_COVERED', `${file} does not prove a head under the root the checkpoint at position ${checkpoint.position} signs`, { file });
  }
  const last = events.at(-1)!;
  const [streamId, revision, hash] = proof.head;
  if (streamId !== manifest.streamId || revision !== last.revision || hash !== last.hash || checkpoint.position < last.position) {
    fail(
      'BUNDLE.NOT_COVERED',
      `The signed checkpoint at position ${checkpoint.position} has ${streamId} at revision ${revision}, ` +
        `not ${manifest.streamId} at revision ${last.revision}: events were left out or added`,
      { file },
    );
  }
}

function parseJson(text: string, file: string, code: BundleProblemCode): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail(code, `${file} is not JSON`, { file });
  }
}

/** chain.json and the history's rows must be those of the events. */
function checkDerivedFiles(files: ReadonlyMap<string, Buffer>, manifest: BundleManifest, events: RecordedEvent[]): void {
  if (files.get(BUNDLE_FILES.chain)!.toString('utf8') !== renderJsonFile(chainOf(manifest.streamId, events))) {
    fail('BUNDLE.INCONSISTENT', `${BUNDLE_FILES.chain} is not the chain of the events`, { file: BUNDLE_FILES.chain });
  }
  const file = BUNDLE_FILES.figureHistories;
  const [header, ...rows] = parseCsv(files.get(file)!.toString('utf8'));
  if (header?.join(',') !== FIGURE_HISTORY_CSV_HEADER.join(',')) fail('BUNDLE.INCONSISTENT', `${file} has other columns`, { file });
  const column = (name: string) => FIGURE_HISTORY_CSV_HEADER.indexOf(name);
  const byId = new Map(events.map((e) => [e.eventId, e]));
  rows.forEach((row, i) => {
    const event = byId.get(row[column('event_id')]!);
    if (
      !event ||
      row[column('deal_id')] !== manifest.dealId ||
      row[column('position')] !== String(event.position) ||
      row[column('revision')] !== String(event.revision) ||
      row[column('event_type')] !== event.type ||
      row[column('recorded_at')] !== event.recordedAt
    ) {
      fail('BUNDLE.INCONSISTENT', `${file} row ${i + 1} is not about an event of the bundle`, { file });
    }
  });
}
