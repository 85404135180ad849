import type { CheckpointBook, LogTree, LogTreeFollower, StoredCheckpoint } from '#event-store';
import {
  ED25519_COSIGNATURE,
  formatSignatureLine,
  formatVerifierKey,
  FormatError,
  parseSignatureLine,
  parseSignedNote,
  parseVerifierKey,
  verifyCosignatures,
  type NoteSignature,
  type VerifierKey,
} from '#verifier';
import { ApplicationError } from '../application.errors.js';

/** RFC 9162 §2.1.3 in the JSON of provability.md: hashes in standard base64. */
export interface InclusionProofAnswer {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  auditPath: string[];
}

export interface ConsistencyProofAnswer {
  from: number;
  to: number;
  proof: string[];
}

const base64 = (hash: Buffer) => hash.toString('base64');

/**
 * The ledger's log as auditors and witnesses see it: the tree, the checkpoints signed over
 * it, and proofs between them. One façade over the follower (which grows the tree) and the
 * checkpoint book, for the HTTP routes and the CLI alike.
 */
export class TransparencyLog {
  constructor(
    readonly follower: LogTreeFollower,
    readonly book: CheckpointBook,
    /** The witnesses this ledger takes cosignatures from (LEDGER_WITNESSES); none: any key, one per poster. */
    private readonly witnesses: readonly VerifierKey[] = [],
  ) {}

  get tree(): LogTree {
    return this.follower.tree;
  }

  /** The checkpoint of `treeSize` (or the latest) as published: the ledger's note and every cosignature. */
  publishedCheckpoint(treeSize: number | 'latest'): string {
    const size = treeSize === 'latest' ? this.book.latest()?.treeSize : treeSize;
    const note = size === undefined ? undefined : this.book.published(size);
    if (note === undefined) {
      throw new ApplicationError(
        'CHECKPOINT.NOT_FOUND',
        treeSize === 'latest' ? 'No checkpoint has been signed yet' : `No checkpoint was signed at tree size ${treeSize}`,
        'not_found',
        { field: 'treeSize' },
      );
    }
    return note;
  }

  checkpoint(treeSize: number): StoredCheckpoint {
    const checkpoint = this.book.at(treeSize);
    if (!checkpoint) throw new ApplicationError('CHECKPOINT.NOT_FOUND', `No checkpoint was signed at tree size ${treeSize}`, 'not_found', { field: 'treeSize' });
    return checkpoint;
  }

  /**
   * The checkpoint to prove the event at `position` (and all before it) with: the most
   * cosigned of those that cover it, the smallest of those; undefined when none covers it yet.
   */
  checkpointCovering(position: number): StoredCheckpoint | undefined {
    const leafIndex = this.tree.leafIndexOf(position);
    return leafIndex === undefined ? undefined : this.book.bestCovering(leafIndex + 1);
  }

  /** The RFC 3161 reply for a checkpoint, DER. */
  timestamp(treeSize: number): Buffer {
    this.checkpoint(treeSize);
    const timestamp = this.book.timestamp(treeSize);
    if (!timestamp) {
      throw new ApplicationError('TIMESTAMP.NOT_FOUND', `The checkpoint of tree size ${treeSize} has no timestamp`, 'not_found', { field: 'treeSize' });
    }
    return timestamp.reply;
  }

  /** The audit path of the event at `position` in the tree of `treeSize` events. */
  inclusionProof(position: number, treeSize: number): InclusionProofAnswer {
    const leafIndex = this.tree.leafIndexOf(position);
    if (leafIndex === undefined) {
      throw new ApplicationError(
        'PROOF.UNKNOWN_POSITION',
        `No event at position ${position} is in the log tree (yet): ask again once it is`,
        'not_found',
        { field: 'position' },
      );
    }
    this.assertTreeSize(treeSize, 'treeSize');
    if (leafIndex >= treeSize) {
      throw new ApplicationError(
        'PROOF.NOT_IN_TREE',
        `The event at position ${position} is leaf ${leafIndex}, after the first ${treeSize} events: ask for a larger tree`,
        'unprocessable',
        { field: 'treeSize', leafIndex },
      );
    }
    return {
      leafIndex,
      treeSize,
      leafHash: base64(this.tree.leafHashAt(leafIndex)),
      auditPath: this.tree.inclusionProof(leafIndex, treeSize).map(base64),
    };
  }

  consistencyProof(from: number, to: number): ConsistencyProofAnswer {
    this.assertTreeSize(to, 'to');
    if (from < 1 || from > to) {
      throw new ApplicationError('PROOF.BAD_RANGE', `A consistency proof goes from a tree of 1 to ${to} events to one of ${to}, not from ${from}`, 'invalid', {
        field: 'from',
      });
    }
    return { from, to, proof: this.tree.consistencyProof(from, to).map(base64) };
  }

  /**
   * Keeps a witness's cosignature of a checkpoint, once checked: exactly one C2SP
   * cosignature/v1 line, by the verifier key sent with it (its name and key id), valid over
   * this checkpoint. The line kept is the one re-written from what was checked, never the
   * text received, so nothing else can ride along into the published note. With witnesses
   * configured (LEDGER_WITNESSES) only theirs are taken; each poster adds one per checkpoint.
   */
  addCosignature(treeSize: number, cosignature: string, witnessKey: string, by: { postedBy: string; receivedAt: Date }): 'added' | 'known' {
    const checkpoint = this.checkpoint(treeSize);
    const key = this.witnessKeyOf(witnessKey);
    let signature: NoteSignature;
    try {
      signature = parseSignatureLine(cosignature.endsWith('\n') ? cosignature.slice(0, -1) : cosignature);
    } catch (error) {
      if (error instanceof FormatError) throw invalidCosignature(`it is not one note signature line: ${error.message}`, 'cosignature');
      throw error;
    }
    if (signature.name !== key.name || signature.keyId !== key.keyId) {
      throw invalidCosignature(`the line is signed as ${signature.name} (key ${signature.keyId}), not by the witness key sent`, 'cosignature');
    }
    const checked = verifyCosignatures({ text: parseSignedNote(checkpoint.note).text, signatures: [signature] }, [key], {
      quorum: 1,
      maxFutureSkewSeconds: 300,
      now: Math.floor(by.receivedAt.getTime() / 1000),
    });
    if (!checked.ok) throw invalidCosignature(checked.reason, 'cosignature');
    const added = this.book.addCosignature(treeSize, {
      witnessKey: formatVerifierKey(key),
      line: formatSignatureLine(signature),
      receivedAt: by.receivedAt.toISOString(),
      postedBy: by.postedBy,
    });
    if (added === 'poster-used') {
      throw new ApplicationError('COSIGNATURE.POSTER_USED', `${by.postedBy} already posted a cosignature of the checkpoint of tree size ${treeSize}`, 'conflict');
    }
    if (added === 'full') {
      throw new ApplicationError('COSIGNATURE.TOO_MANY', `The checkpoint of tree size ${treeSize} already carries the most cosignatures kept`, 'conflict');
    }
    return added;
  }

  /** The cosigners of a checkpoint, checked against the configured witnesses (all that were kept, when none are configured). */
  cosigners(treeSize: number): { name: string; keyId: string; timestamp: number }[] {
    const published = this.book.published(treeSize);
    if (published === undefined) return [];
    const keys = this.witnesses.length > 0 ? this.witnesses : this.book.cosignatures(treeSize).map((c) => parseVerifierKey(c.witnessKey));
    return verifyCosignatures(published, keys, { quorum: 0 }).cosigners.map(({ name, keyId, timestamp }) => ({ name, keyId, timestamp }));
  }

  private witnessKeyOf(witnessKey: string): VerifierKey {
    let key: VerifierKey;
    try {
      key = parseVerifierKey(witnessKey);
    } catch (error) {
      if (error instanceof FormatError) throw invalidCosignature(`the witness key is not a C2SP verifier key: ${error.message}`, 'witnessKey');
      throw error;
    }
    if (key.type !== ED25519_COSIGNATURE) throw invalidCosignature('the witness key is not a cosignature/v1 key (type 0x04)', 'witnessKey');
    if (this.witnesses.length > 0 && !this.witnesses.some((w) => w.name === key.name && w.keyId === key.keyId)) {
      throw new ApplicationError('COSIGNATURE.UNKNOWN_WITNESS', `${key.name} (key ${key.keyId}) is not one of this ledger's witnesses (LEDGER_WITNESSES)`, 'unprocessable', {
        field: 'witnessKey',
      });
    }
    return key;
  }

  private assertTreeSize(treeSize: number, field: string): void {
    const size = this.tree.size();
    if (treeSize < 1 || treeSize > size) {
      throw new ApplicationError(
        'PROOF.UNKNOWN_TREE_SIZE',
        `The log tree has ${size} events: ask about a tree of 1 to ${size}, not ${treeSize}`,
        'not_found',
        { field },
      );
    }
  }
}

function invalidCosignature(reason: string, field: string): ApplicationError {
  return new ApplicationError('COSIGNATURE.INVALID', `The cosignature is refused: ${reason}`, 'unprocessable', { field });
}
