import { EVIDENCE_BUNDLE_FILES as FILES, proofFileName, revisionOfProofFile, type BundleEvent, type BundleManifest } from './bundle-format.js';
import { fail, formatted } from './bundle-problem.js';
import type { OpenedCheckpoint } from './checkpoint.js';
import { decodeUtf8 } from './encoding.js';
import { leafHash, verifyInclusion } from './merkle.js';
import { parseTlogProof, type TlogProof } from './tlog-proof.js';

/**
 * One tlog-proof per event (and none for other revisions), each ending with the bundle's
 * checkpoint and leading from the event's leaf to the signed root. Returns the leaf indices.
 */
export function checkProofs(
  files: ReadonlyMap<string, Buffer>,
  manifest: BundleManifest,
  events: readonly BundleEvent[],
  opened: Extract<OpenedCheckpoint, { ok: true }>,
): number[] {
  for (const { name } of manifest.files) {
    const revision = revisionOfProofFile(name);
    if (name.endsWith('.tlog-proof') && (revision === undefined || revision >= events.length)) {
      fail('BUNDLE.INCONSISTENT', `${name} is not the proof of an event of the bundle`, { file: name });
    }
  }
  const { treeSize, rootHash } = opened.checkpoint;
  const checkpointFile = files.get(FILES.checkpoint)!.toString('utf8');
  const indices: number[] = [];
  for (const event of events) {
    const file = proofFileName(event.revision);
    const where = { file, revision: event.revision };
    const content = files.get(file) ?? fail('BUNDLE.NOT_COVERED', `revision ${event.revision} has no proof (${file}) that it is in the ledger`, where);
    const text = decodeUtf8(content) ?? fail('BUNDLE.PROOF_MALFORMED', `${file} is not UTF-8`, where);
    const proof: TlogProof = formatted(() => parseTlogProof(text), 'BUNDLE.PROOF_MALFORMED', file, event.revision);
    if (proof.checkpoint !== checkpointFile) {
      fail('BUNDLE.INCONSISTENT', `${file} does not end with the bundle's checkpoint, byte for byte`, where);
    }
    const included = verifyInclusion({
      leafIndex: proof.index,
      treeSize,
      leafHash: leafHash(Buffer.from(event.hash, 'hex')),
      auditPath: proof.auditPath,
      root: rootHash,
    });
    if (!included.ok) {
      const message = `revision ${event.revision} is not proven at leaf ${proof.index} of the signed tree of ${treeSize}: ${included.reason}`;
      fail('BUNDLE.NOT_COVERED', message, where);
    }
    // A stream's events enter the log in revision order.
    if (indices.length > 0 && proof.index <= indices.at(-1)!) {
      const message = `revision ${event.revision} is at leaf ${proof.index}, not after revision ${event.revision - 1} (leaf ${indices.at(-1)})`;
      fail('BUNDLE.INCONSISTENT', message, where);
    }
    indices.push(proof.index);
  }
  return indices;
}
