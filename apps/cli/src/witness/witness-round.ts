import { cosign, decodeBase64, openCheckpoint, parseVerifierKey, verifyConsistency, verifyCosignatures, type Checkpoint, type VerifierKey } from '#verifier';
import type { WitnessIdentity } from './witness-identity.js';
import type { LedgerConnection } from './ledger-connection.js';
import type { WitnessState } from './witness-state.js';

export type WitnessOutcome =
  /** The offered checkpoint extends the last one cosigned (or is the first seen): cosigned and posted. */
  | { kind: 'cosigned'; treeSize: number; previous?: number }
  /** Nothing new since the last cosignature (and the ledger already publishes it). */
  | { kind: 'unchanged'; treeSize: number }
  /** The ledger showed something no honest append-only log can: refused, evidence kept. */
  | { kind: 'refused'; reason: string; evidence: string };

/**
 * One look at the ledger, as a C2SP witness: the latest checkpoint must be signed by the
 * ledger key this witness trusts, and must extend the last checkpoint it cosigned (a
 * consistency proof checked here, with the verifier). Only then is it cosigned. A forged
 * signature, a smaller tree (a rollback), another root for the same size (a fork) or a
 * proof that does not hold (a rewritten history) is refused, with the evidence kept.
 */
export async function witnessRound(
  ledger: LedgerConnection,
  ledgerKey: VerifierKey,
  witness: WitnessIdentity,
  state: WitnessState,
  now: () => Date,
): Promise<WitnessOutcome> {
  const offered = await ledger.latestCheckpoint();
  const refuse = (reason: string, extra: { cosigned?: string; proof?: unknown } = {}): WitnessOutcome => ({
    kind: 'refused',
    reason,
    evidence: state.keepEvidence({ reason, offered, ...extra }, now()),
  });

  const opened = openCheckpoint(offered, ledgerKey);
  if (!opened.ok) return refuse(`The ledger's latest checkpoint is not signed by the ledger key this witness trusts: ${opened.reason}`);
  const next = opened.checkpoint;
  const cosigned = state.latest();
  const previous = cosigned === undefined ? undefined : checkpointOf(cosigned, ledgerKey);

  if (previous) {
    if (next.treeSize < previous.treeSize) {
      return refuse(`Rollback: the ledger now shows ${next.treeSize} events, but this witness cosigned ${previous.treeSize}`, { cosigned });
    }
    if (next.treeSize === previous.treeSize) {
      if (!next.rootHash.equals(previous.rootHash)) {
        return refuse(`Fork: two different roots for tree size ${next.treeSize}: the ledger rewrote its history`, { cosigned });
      }
      if (carriesCosignatureOf(offered, witness)) return { kind: 'unchanged', treeSize: next.treeSize };
    } else {
      const proof = await ledger.consistencyProof(previous.treeSize, next.treeSize);
      // A ledger that answers its own signed checkpoint with no proof, or a garbled one, cannot show it extends the last: refused.
      const hashes = Array.isArray(proof?.proof) ? proof.proof.map((h) => (typeof h === 'string' ? decodeBase64(h) : undefined)) : [undefined];
      const checked = hashes.some((h) => h === undefined)
        ? { ok: false as const, reason: 'the ledger answered with something that is not a consistency proof (a list of base64 hashes)' }
        : verifyConsistency({ fromSize: previous.treeSize, toSize: next.treeSize, fromRoot: previous.rootHash, toRoot: next.rootHash, proof: hashes as Buffer[] });
      if (!checked.ok) {
        return refuse(
          `The checkpoint of ${next.treeSize} events does not extend the one of ${previous.treeSize} this witness cosigned: ${checked.reason}`,
          { cosigned, proof },
        );
      }
    }
  }
  // Kept before the cosignature leaves: a witness must never later cosign a tree that does not extend it.
  state.saveLatest(opened.ledgerSignedNote);
  const line = cosign(opened.note.text, Math.floor(now().getTime() / 1000), witness);
  await ledger.postCosignature(next.treeSize, line, witness.vkey);
  return { kind: 'cosigned', treeSize: next.treeSize, ...(previous ? { previous: previous.treeSize } : {}) };
}

/** The checkpoint this witness kept: it verified it when it cosigned it. */
function checkpointOf(note: string, ledgerKey: VerifierKey): Checkpoint {
  const opened = openCheckpoint(note, ledgerKey);
  if (!opened.ok) throw new Error(`The witness's own state does not verify with the ledger key given (${opened.reason}): was --ledger-key changed?`);
  return opened.checkpoint;
}

/** Whether the published note carries this witness's own valid cosignature (by name, key id and signature, not name alone). */
function carriesCosignatureOf(note: string, witness: WitnessIdentity): boolean {
  return verifyCosignatures(note, [parseVerifierKey(witness.vkey)], { quorum: 1 }).ok;
}
