import type { ChainProblem, StoredCheckpoint } from '#event-store';
import { formatCheckpoint, signedNote } from '#verifier';
import type { LedgerSigner } from './ledger-signer.js';
import type { SignedHistory } from './signed-history.js';
import type { TimestampAuthority } from './tamper-evidence-settings.js';
import { requestTimestamp } from './timestamp-authority.js';
import type { TransparencyLog } from './transparency-log.js';

export type SignOutcome =
  /** A new checkpoint of the tree as it is now. */
  | { signed: StoredCheckpoint; timestampError?: string }
  /** Nothing new to sign: the latest checkpoint already covers the whole tree (or the tree is empty). */
  | { unchanged: StoredCheckpoint | undefined }
  /** Signing would vouch for something wrong: the tree's follower halted, or the tree no longer extends the last checkpoint. */
  | { refused: ChainProblem };

/**
 * Signs C2SP checkpoints of the log tree, and has them timestamped when a TSA is set. It
 * never signs a tree that does not extend the last checkpoint (C2SP tlog-checkpoint: "a log
 * MUST not sign any checkpoint which is inconsistent with any checkpoint it previously
 * signed"), nor one whose follower found a broken chain.
 */
export class CheckpointSigner {
  constructor(
    private readonly log: TransparencyLog,
    private readonly signer: LedgerSigner,
    private readonly options: { now: () => Date; tsa?: TimestampAuthority; history?: SignedHistory },
  ) {}

  get origin(): string {
    return this.signer.origin;
  }

  async sign(): Promise<SignOutcome> {
    const { tree, book, follower } = this.log;
    const halted = follower.status().problem;
    if (halted) return { refused: halted };
    const size = tree.size();
    const latest = book.latest();
    const remembered = this.options.history?.latest();
    const signedBefore = [
      ...(latest ? [{ treeSize: latest.treeSize, root: latest.root, source: 'checkpoints' }] : []),
      ...(remembered ? [{ treeSize: remembered.treeSize, root: remembered.rootHash, source: "the signing key's last checkpoint" }] : []),
    ];
    const refusal = signedBefore.filter((signed) => signed.treeSize <= size).map((signed) => this.inconsistency(signed)).find(Boolean);
    if (refusal) return { refused: refusal };
    // A tree that has not gone past what was signed (rebuilt, catching up) has nothing new to sign.
    if (size === 0 || signedBefore.some((signed) => signed.treeSize >= size)) return { unchanged: latest };
    const root = tree.root(size);
    const text = formatCheckpoint({ origin: this.signer.origin, treeSize: size, rootHash: root, extensions: [] });
    const note = signedNote(text, { name: this.signer.origin, privateKey: this.signer.privateKey });
    const signed: StoredCheckpoint = { treeSize: size, root, note, signedAt: this.options.now().toISOString() };
    book.add(signed);
    this.options.history?.record(note);
    const timestampError = await this.timestamp(signed);
    return { signed, ...(timestampError ? { timestampError } : {}) };
  }

  /** Why the tree (at least as large as `signed`) does not extend a checkpoint signed before, if it does not. */
  private inconsistency(signed: { treeSize: number; root: Buffer; source: string }): ChainProblem | undefined {
    if (this.log.tree.root(signed.treeSize).equals(signed.root)) return undefined;
    return {
      code: 'CHECKPOINT.ROOT_MISMATCH',
      message:
        `The log tree's first ${signed.treeSize} leaves no longer give the root this ledger signed at that size (${signed.source}): ` +
        'the log (or the proofs file) was rewritten; nothing more is signed until that is explained',
      checkpoint: { treeSize: signed.treeSize, source: signed.source },
    };
  }

  /** Asks the TSA (if any) for the latest checkpoint's timestamp when it has none yet: a retry after a failure. */
  async timestampLatest(): Promise<string | undefined> {
    const latest = this.log.book.latest();
    return latest && !this.log.book.timestamp(latest.treeSize) ? this.timestamp(latest) : undefined;
  }

  /** Undefined when stamped (or no TSA is set); why not otherwise. The checkpoint stands either way. */
  private async timestamp(checkpoint: StoredCheckpoint): Promise<string | undefined> {
    const { tsa } = this.options;
    if (!tsa) return undefined;
    try {
      const { reply, genTime } = await requestTimestamp(tsa.url, Buffer.from(checkpoint.note, 'utf8'), {
        ...(tsa.trustAnchorsPem ? { trustAnchorsPem: tsa.trustAnchorsPem } : {}),
      });
      this.log.book.addTimestamp(checkpoint.treeSize, { reply, genTime, tsaUrl: tsa.url });
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}
