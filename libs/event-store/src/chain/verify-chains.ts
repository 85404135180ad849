import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../event-store.port.js';
import type { ChainProblem } from './chain-problem.js';
import { ChainVerifier, type StreamHead } from './chain-verifier.js';
import { checkpointSignatureProblem, headsProblem, type Checkpoint, type HeadEntry } from './checkpoint.js';
import { parseCheckpoint } from './checkpoint-parse.js';

/** A checkpoint to check, as read (untrusted), and where it was read from. */
export interface CheckpointToVerify {
  checkpoint: unknown;
  source: string;
}

export interface VerificationProgress {
  position: number;
  upTo: number;
  events: number;
}

export interface VerifyChainsOptions {
  checkpoints?: readonly CheckpointToVerify[];
  /** The public key checkpoints must be signed with. */
  trustedKey?: KeyObject;
  /** See ChainVerifierOptions: false for stores whose commit times are ordered per stream only. */
  globalTimeOrder?: boolean;
  /**
   * Verify the log up to this position. Default: the head when verification starts. Read
   * the checkpoints before that, so that a checkpoint beyond it can only mean a truncation.
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
  position: number;
  signedAt: string;
  keyId: string;
  sources: string[];
}

export interface VerificationReport {
  ok: boolean;
  /** The position verified up to. */
  upTo: number;
  /** Events and streams verified (up to the problem, if any). */
  events: number;
  streams: number;
  /** The checkpoints whose heads matched the log. */
  checkpoints: VerifiedCheckpoint[];
  /** The first problem found; verification stops there. */
  problem?: ChainProblem;
}

type Pending = { checkpoint: Checkpoint & { heads?: HeadEntry[] }; sources: string[] };

/**
 * Recomputes every stream's hash chain from the global log, in position order, and checks
 * every checkpoint: its signature first, then the heads at its position. Stops at the
 * first problem, which names the event (or, for a checkpoint, the stream) concerned.
 */
export async function verifyChains(store: EventStore, options: VerifyChainsOptions = {}): Promise<VerificationReport> {
  return (await runVerification(store, options)).report;
}

/** verifyChains, with the heads it ended at: what a new checkpoint signs. */
export async function runVerification(
  store: EventStore,
  options: VerifyChainsOptions,
): Promise<{ report: VerificationReport; heads: StreamHead[] }> {
  const verifier = new ChainVerifier({ globalTimeOrder: options.globalTimeOrder ?? true });
  const done = (report: VerificationReport) => ({ report, heads: verifier.currentHeads() });
  const verified: VerifiedCheckpoint[] = [];
  const report = (upTo: number, problem?: ChainProblem): VerificationReport => ({
    ok: problem === undefined,
    upTo,
    events: verifier.events,
    streams: verifier.streams,
    checkpoints: verified,
    ...(problem ? { problem } : {}),
  });

  const checked = checkSignatures(options.checkpoints ?? [], options.trustedKey);
  if ('problem' in checked) return done(report(0, checked.problem));
  const pending = checked.pending;

  const upTo = options.upTo ?? (await store.headPosition());
  const progressEvery = options.progressEvery ?? 10_000;
  const progress = (position: number) => options.onProgress?.({ position, upTo, events: verifier.events });
  progress(0);

  /** Checks the checkpoints the log has now gone past (all events up to `before` seen). */
  const settleCheckpoints = (before: number): ChainProblem | undefined => {
    while (pending.length > 0 && pending[0]!.checkpoint.position < before) {
      const { checkpoint, sources } = pending.shift()!;
      const problem = headsProblem(checkpoint, sources.join(', '), { heads: verifier.currentHeads(), eventCount: verifier.events });
      if (problem) return problem;
      verified.push({ position: checkpoint.position, signedAt: checkpoint.signedAt, keyId: checkpoint.keyId, sources });
    }
    return undefined;
  };

  let lastPosition = 0;
  for await (const event of store.readAll()) {
    // Appended after verification started: not part of what is verified.
    if (event.position > upTo) break;
    const checkpointProblem = settleCheckpoints(event.position);
    if (checkpointProblem) return done(report(upTo, checkpointProblem));
    const problem = verifier.check(event);
    if (problem) return done(report(upTo, problem));
    lastPosition = event.position;
    if (verifier.events % progressEvery === 0) progress(lastPosition);
    if (options.yieldEvery && verifier.events % options.yieldEvery === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  const beyond = pending.find((p) => p.checkpoint.position > upTo);
  const tailProblem = settleCheckpoints(upTo + 1);
  if (tailProblem) return done(report(upTo, tailProblem));
  if (beyond) {
    return done(report(upTo, {
      code: 'CHECKPOINT.BEYOND_HEAD',
      message:
        `The log ends at position ${upTo}, but a checkpoint signed it up to position ${beyond.checkpoint.position} ` +
        `(${beyond.sources.join(', ')}): events were removed from the end`,
      checkpoint: { position: beyond.checkpoint.position, source: beyond.sources.join(', ') },
      position: upTo,
    }));
  }
  progress(lastPosition);
  return done(report(upTo));
}

/**
 * Parses and checks the signature of every checkpoint before the log is read; the same
 * checkpoint found in several places (the store, a file) is checked once against the log,
 * with the copy that lists its heads if there is one.
 */
function checkSignatures(
  candidates: readonly CheckpointToVerify[],
  trustedKey: KeyObject | undefined,
): { pending: Pending[] } | { problem: ChainProblem } {
  const bySignature = new Map<string, Pending>();
  for (const { checkpoint: raw, source } of candidates) {
    const parsed = parseCheckpoint(raw);
    if ('error' in parsed) {
      const position = (raw as { position?: unknown } | null)?.position;
      return {
        problem: {
          code: 'CHECKPOINT.MALFORMED',
          message: `${source} is not a checkpoint: ${parsed.error}`,
          checkpoint: { position: typeof position === 'number' ? position : -1, source },
        },
      };
    }
    const problem = checkpointSignatureProblem(parsed.checkpoint, trustedKey, source);
    if (problem) return { problem };
    const seen = bySignature.get(parsed.checkpoint.signature);
    if (seen) {
      seen.sources.push(source);
      if (!seen.checkpoint.heads && parsed.checkpoint.heads) seen.checkpoint = parsed.checkpoint;
    } else {
      bySignature.set(parsed.checkpoint.signature, { checkpoint: parsed.checkpoint, sources: [source] });
    }
  }
  return { pending: [...bySignature.values()].sort((a, b) => a.checkpoint.position - b.checkpoint.position) };
}

/**
 * Every stream's head at a position (the chains verified on the way): the list a
 * checkpoint at that position signs, for a checkpoint whose file with the list is gone.
 */
export async function streamHeadsAt(
  store: EventStore,
  position: number,
  options: Pick<VerifyChainsOptions, 'globalTimeOrder'> = {},
): Promise<{ heads: StreamHead[]; report: VerificationReport }> {
  return runVerification(store, { ...options, upTo: position });
}
