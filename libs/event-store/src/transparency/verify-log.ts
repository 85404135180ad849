import {
  CompactRange,
  FormatError,
  leafHash,
  openCheckpoint,
  parseCheckpoint,
  parseSignedNote,
  verifyCosignatures,
  type Checkpoint,
  type Cosigner,
  type SignedNote,
  type VerifierKey,
} from '#verifier';
import { unreadableEventProblem, type ChainProblem, type ChainProblemCode, type CheckpointRef } from '../chain/chain-problem.js';
import { ChainVerifier } from '../chain/chain-verifier.js';
import { DisposalRegistry } from '../disposal/disposal-record.js';
import { UnreadableEventError } from '../event-store.errors.js';
import type { EventStore } from '../event-store.port.js';
import type { LogTree } from './log-tree.js';

/** A signed checkpoint to check, as read (untrusted), and where it was read from. */
export interface CheckpointToVerify {
  note: string;
  source: string;
}

export interface VerificationProgress {
  position: number;
  upTo: number;
  events: number;
}

export interface VerifyLogOptions {
  checkpoints?: readonly CheckpointToVerify[];
  /** The ledger keys (C2SP vkeys, type 0x01) checkpoints must be signed with. */
  ledgerKeys?: readonly VerifierKey[];
  /** Accept history only under checkpoints cosigned by `require` of these witnesses (type 0x04). */
  witnesses?: { keys: readonly VerifierKey[]; require: number };
  /** The stored log tree, whose leaves each event must still match. */
  tree?: LogTree;
  /** See ChainVerifierOptions. */
  globalTimeOrder?: boolean;
  densePositions?: boolean;
  /** Run the store's storage checks, `thorough` ones included (see EventStore.checkStorage). */
  storage?: 'skip' | 'quick' | 'thorough';
  /**
   * Verify the log up to this position. Default: the head when verification starts. The
   * checkpoints are read before it, so that one beyond it can only mean a truncation.
   */
  upTo?: number;
  onProgress?: (progress: VerificationProgress) => void;
  /** Events between progress reports (default 10,000); the last report comes at the end. */
  progressEvery?: number;
  /**
   * Give the event loop a turn every this many events. Reading and hashing are synchronous,
   * so a server verifying a large store would otherwise answer nobody until it is done.
   */
  yieldEvery?: number;
}

export interface VerifiedCheckpoint {
  treeSize: number;
  /** Standard base64 of the root, as in the checkpoint. */
  root: string;
  origin: string;
  sources: string[];
  /** The trusted witnesses that cosigned it, with their times. */
  cosigners: Cosigner[];
}

export interface VerificationReport {
  ok: boolean;
  /** The position verified up to. */
  upTo: number;
  /** Events and streams verified (up to the problem, if any). */
  events: number;
  streams: number;
  /** The root of the tree of the events verified (standard base64). */
  root?: string;
  /** The checkpoints whose roots matched the log, smallest first. */
  checkpoints: VerifiedCheckpoint[];
  /** With witnesses required: the largest tree size cosigned by enough of them. */
  witnessedUpTo?: number;
  /** The first problem found; verification stops there. */
  problem?: ChainProblem;
}

const CHECKPOINTS_PER_TURN = 100;

interface Candidate {
  checkpoint: Checkpoint;
  sources: string[];
  cosigners: Cosigner[];
}

/**
 * Everything that proves the log intact, in one pass over it in position order:
 * - each event's chain link to its stream's previous event (hash, revision, time, position);
 * - each event against the leaf the log tree took in at its place (an event replaced,
 *   even with every later hash recomputed, no longer matches the leaf it was);
 * - the tree the log makes against every signed checkpoint at its size (a rewritten or cut
 *   history cannot give the root the ledger signed, and only the key's holder can sign a
 *   new one), and checkpoints against each other (two roots for one size: a fork);
 * - with witnesses required, that enough of them cosigned a checkpoint;
 * - the store's own storage (schema, indexes), where it has one an operator could edit.
 * Stops at the first problem, which names the event, leaf or checkpoint concerned.
 */
export async function verifyLog(store: EventStore, options: VerifyLogOptions = {}): Promise<VerificationReport> {
  // Disposal events come after the events they empty: read them first (each is itself checked in the pass).
  const disposals = await DisposalRegistry.load(store);
  const verifier = new ChainVerifier({
    globalTimeOrder: options.globalTimeOrder ?? true,
    densePositions: options.densePositions ?? false,
    disposals: disposals.lookup,
  });
  const range = new CompactRange();
  const verified: VerifiedCheckpoint[] = [];
  let witnessedUpTo: number | undefined;
  const report = (upTo: number, problem?: ChainProblem): VerificationReport => ({
    ok: problem === undefined,
    upTo,
    events: verifier.events,
    streams: verifier.streams,
    ...(problem ? {} : { root: range.root().toString('base64') }),
    checkpoints: verified,
    ...(witnessedUpTo !== undefined ? { witnessedUpTo } : {}),
    ...(problem ? { problem } : {}),
  });

  const opened = await openCheckpoints(options);
  if ('problem' in opened) return report(0, opened.problem);
  const pending = opened.candidates;

  const upTo = options.upTo ?? (await store.headPosition());
  const storageProblem = options.storage === 'skip' ? undefined : await store.checkStorage?.({ thorough: options.storage === 'thorough' });
  if (storageProblem) return report(upTo, storageProblem);

  const progressEvery = options.progressEvery ?? 10_000;
  const progress = (position: number) => options.onProgress?.({ position, upTo, events: verifier.events });
  progress(0);

  /** Compares the tree so far with the checkpoints of its size. */
  const settleCheckpoints = (): ChainProblem | undefined => {
    while (pending.length > 0 && pending[0]!.checkpoint.treeSize === range.size) {
      const candidate = pending.shift()!;
      const root = range.root();
      if (!root.equals(candidate.checkpoint.rootHash)) return rootMismatch(candidate, verified.at(-1), root);
      verified.push(toVerified(candidate));
    }
    return undefined;
  };

  const treeSize = options.tree?.size() ?? 0;
  let lastPosition = 0;
  try {
    const problem = settleCheckpoints();
    if (problem) return report(upTo, problem);
    for await (const event of store.readAll()) {
      // Appended after verification started: not part of what is verified.
      if (event.position > upTo) break;
      const chainProblem = verifier.check(event);
      if (chainProblem) return report(upTo, chainProblem);
      const leaf = leafHash(Buffer.from(event.hash, 'hex'));
      const leafIndex = range.size;
      if (options.tree && leafIndex < treeSize) {
        const treeProblem = leafProblem(options.tree, leafIndex, leaf, event);
        if (treeProblem) return report(upTo, treeProblem);
      }
      range.append(leaf);
      const checkpointProblem = settleCheckpoints();
      if (checkpointProblem) return report(upTo, checkpointProblem);
      lastPosition = event.position;
      if (verifier.events % progressEvery === 0) progress(lastPosition);
      if (options.yieldEvery && verifier.events % options.yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    if (error instanceof UnreadableEventError) return report(upTo, unreadableEventProblem(error));
    throw error;
  }

  const beyond = pending[0];
  if (beyond) {
    return report(upTo, {
      code: 'CHECKPOINT.BEYOND_HEAD',
      message:
        `The log holds ${range.size} events up to position ${upTo}, but a checkpoint signed ${beyond.checkpoint.treeSize} ` +
        `(${beyond.sources.join(', ')}): events were removed from the end`,
      checkpoint: refOf(beyond),
      ...(verified.length > 0 ? { otherCheckpoint: refOf(verified.at(-1)!) } : {}),
      position: upTo,
    });
  }
  const ahead = options.tree && (await treeAheadOfLog(store, options.tree, range.size));
  if (ahead) return report(upTo, ahead);
  if (options.witnesses && options.witnesses.require > 0) {
    const { require } = options.witnesses;
    witnessedUpTo = verified.filter((c) => c.cosigners.length >= require).at(-1)?.treeSize;
    if (witnessedUpTo === undefined) {
      return report(upTo, {
        code: 'WITNESS.QUORUM_NOT_MET',
        message: `No checkpoint is cosigned by ${require} of the ${options.witnesses.keys.length} trusted witnesses (${describeCosigners(verified)})`,
      });
    }
  }
  progress(lastPosition);
  return report(upTo);
}

/**
 * Checks every checkpoint's signature before the log is read; the same checkpoint found in
 * several places is checked once against the log, and two with one size but different
 * roots are a fork, whatever the log says.
 */
async function openCheckpoints(options: VerifyLogOptions): Promise<{ candidates: Candidate[] } | { problem: ChainProblem }> {
  const candidates = new Map<number, Candidate>();
  const keys = options.ledgerKeys ?? [];
  let count = 0;
  for (const { note, source } of options.checkpoints ?? []) {
    // A ledger signs a checkpoint a minute: each is an Ed25519 check, so give the event loop turns.
    if (options.yieldEvery && ++count % CHECKPOINTS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    const at = { treeSize: -1, source };
    if (keys.length === 0) {
      return { problem: { code: 'CHECKPOINT.NO_TRUSTED_KEY', message: `${source} cannot be checked: no ledger key is trusted (give one)`, checkpoint: at } };
    }
    const opened = openWithAnyKey(note, keys);
    if ('code' in opened) return { problem: { code: opened.code, message: `${source}: ${opened.reason}`, checkpoint: at } };
    const { checkpoint, note: parsed } = opened;
    const cosigners = options.witnesses ? verifyCosignatures(parsed, options.witnesses.keys, { quorum: 0 }) : undefined;
    if (cosigners && !cosigners.ok) {
      return {
        problem: {
          code: 'WITNESS.COSIGNATURE_INVALID',
          message: `${source}: ${cosigners.reason}`,
          checkpoint: { treeSize: checkpoint.treeSize, source },
        },
      };
    }
    const seen = candidates.get(checkpoint.treeSize);
    if (seen && !seen.checkpoint.rootHash.equals(checkpoint.rootHash)) {
      return {
        problem: {
          code: 'CHECKPOINT.INCONSISTENT',
          message:
            `Two signed checkpoints of tree size ${checkpoint.treeSize} have different roots (${seen.sources.join(', ')} and ${source}): ` +
            'the ledger showed different histories (a fork)',
          checkpoint: refOf(seen),
          otherCheckpoint: { treeSize: checkpoint.treeSize, source },
        },
      };
    }
    if (seen) {
      seen.sources.push(source);
      for (const c of cosigners?.cosigners ?? []) if (!seen.cosigners.some((s) => s.keyId === c.keyId && s.name === c.name)) seen.cosigners.push(c);
    } else {
      candidates.set(checkpoint.treeSize, { checkpoint, sources: [source], cosigners: cosigners?.cosigners ?? [] });
    }
  }
  return { candidates: [...candidates.values()].sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize) };
}

/** The checkpoint, or why it cannot be trusted: not a checkpoint, signed by no trusted key, or a bad signature. */
function openWithAnyKey(note: string, keys: readonly VerifierKey[]): { checkpoint: Checkpoint; note: SignedNote } | { code: ChainProblemCode; reason: string } {
  let parsed: SignedNote;
  try {
    parsed = parseSignedNote(note);
    parseCheckpoint(parsed.text);
  } catch (error) {
    if (error instanceof FormatError) return { code: 'CHECKPOINT.MALFORMED', reason: error.message };
    throw error;
  }
  const key = keys.find((k) => parsed.signatures.some((s) => s.name === k.name && s.keyId === k.keyId));
  if (!key) {
    const signers = parsed.signatures.map((s) => `${s.name} (key ${s.keyId})`).join(', ');
    return { code: 'CHECKPOINT.UNTRUSTED_KEY', reason: `signed by ${signers}, none of them a trusted ledger key (${keys.map((k) => `${k.name} (key ${k.keyId})`).join(', ')})` };
  }
  const opened = openCheckpoint(note, key);
  return opened.ok ? { checkpoint: opened.checkpoint, note: opened.note } : { code: 'CHECKPOINT.SIGNATURE_INVALID', reason: opened.reason };
}

function leafProblem(tree: LogTree, leafIndex: number, leaf: Buffer, event: { streamId: string; revision: number; position: number; eventId: string; hash: string }): ChainProblem | undefined {
  const positionInTree = tree.positionOf(leafIndex);
  if (positionInTree === event.position && tree.leafHashAt(leafIndex).equals(leaf)) return undefined;
  return {
    code: 'TREE.LEAF_MISMATCH',
    message:
      positionInTree === event.position
        ? `${event.streamId}@${event.revision} (position ${event.position}) is not the event the log tree took in as leaf ${leafIndex}: ` +
          'it was altered after it was logged (its chain may have been recomputed to hide it)'
        : `Leaf ${leafIndex} of the log tree is the event at position ${positionInTree}, but the log has ${event.streamId}@${event.revision} ` +
          `at position ${event.position} there: events were inserted, removed or moved`,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    eventId: event.eventId,
    leafIndex,
    foundHash: event.hash,
  };
}

/** The tree holds leaves beyond the log's end, and no newer event explains them. */
async function treeAheadOfLog(store: EventStore, tree: LogTree, verifiedEvents: number): Promise<ChainProblem | undefined> {
  const size = tree.size();
  if (size <= verifiedEvents) return undefined;
  const head = await store.headPosition();
  const lastLeafPosition = tree.lastPosition();
  if (head >= lastLeafPosition) return undefined; // events appended since verification started
  return {
    code: 'TREE.AHEAD_OF_LOG',
    message:
      `The log tree holds ${size} leaves up to position ${lastLeafPosition}, but the log ends at position ${head}: ` +
      'events were removed from the end of the log',
    position: head,
    leafIndex: size - 1,
  };
}

function rootMismatch(candidate: Candidate, lastVerified: VerifiedCheckpoint | undefined, root: Buffer): ChainProblem {
  const since = lastVerified ? ` (the checkpoint of size ${lastVerified.treeSize} still matches: the change is in leaves ${lastVerified.treeSize}–${candidate.checkpoint.treeSize - 1})` : '';
  return {
    code: 'CHECKPOINT.ROOT_MISMATCH',
    message:
      `The first ${candidate.checkpoint.treeSize} events of the log are not the ones the checkpoint (${candidate.sources.join(', ')}) signed: ` +
      `history was rewritten after it was signed${since}`,
    checkpoint: refOf(candidate),
    ...(lastVerified ? { otherCheckpoint: refOf(lastVerified) } : {}),
    expectedHash: candidate.checkpoint.rootHash.toString('base64'),
    foundHash: root.toString('base64'),
  };
}

function toVerified({ checkpoint, sources, cosigners }: Candidate): VerifiedCheckpoint {
  return { treeSize: checkpoint.treeSize, root: checkpoint.rootHash.toString('base64'), origin: checkpoint.origin, sources, cosigners };
}

function refOf(c: Candidate | VerifiedCheckpoint): CheckpointRef {
  return { treeSize: 'checkpoint' in c ? c.checkpoint.treeSize : c.treeSize, source: c.sources.join(', ') };
}

function describeCosigners(verified: readonly VerifiedCheckpoint[]): string {
  if (verified.length === 0) return 'no checkpoint verified';
  const most = Math.max(...verified.map((c) => c.cosigners.length));
  return `${verified.length} checkpoints verified, the most cosigned by ${most}`;
}
