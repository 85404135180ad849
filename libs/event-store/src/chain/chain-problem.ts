/**
 * What verification can find wrong. Codes are stable (scripts and the HTTP API use them);
 * messages are for people.
 */
export type ChainProblemCode =
  /** The stored hash is not the hash of the event as stored: its data, metadata, type, id or time changed, or the hash itself. */
  | 'CHAIN.HASH_MISMATCH'
  /** A stream's revisions do not follow each other in position order: an event was deleted or moved. */
  | 'CHAIN.UNEXPECTED_REVISION'
  /** A later position was recorded earlier than the one before it: events were moved. */
  | 'CHAIN.RECORDED_AT_DECREASES'
  /** The log is not in strictly increasing position order (or, where positions are dense, has a gap). */
  | 'CHAIN.POSITION_NOT_INCREASING'
  /**
   * An event emptied as if disposed of, that no recorded disposal names (or another one
   * than the disposal it claims): its payload was removed behind the ledger's back.
   */
  | 'CHAIN.DISPOSAL_UNRECORDED'
  /** A stored event that no longer decodes: its data or metadata is not a JSON object. */
  | 'CHAIN.UNREADABLE_EVENT'
  /** The store's file is damaged: an index no longer agrees with its rows (e.g. one edited to hide events from a filter). */
  | 'STORE.FILE_DAMAGED'
  /** The store's schema is not the one this code made (e.g. the triggers that refuse edits were dropped). */
  | 'STORE.SCHEMA_ALTERED'
  /** The log tree holds leaves the log no longer has: events were removed from its end. */
  | 'TREE.AHEAD_OF_LOG'
  /** An event is not the one the log tree took in at its place: it was replaced after it was logged. */
  | 'TREE.LEAF_MISMATCH'
  /** The log tree could not be read or written (the proofs file is damaged, full or locked): it stopped growing. */
  | 'TREE.UNAVAILABLE'
  /** A checkpoint that is not a C2SP checkpoint note. */
  | 'CHECKPOINT.MALFORMED'
  /** There are checkpoints but no ledger key to check them against. */
  | 'CHECKPOINT.NO_TRUSTED_KEY'
  /** Signed by no trusted key. */
  | 'CHECKPOINT.UNTRUSTED_KEY'
  | 'CHECKPOINT.SIGNATURE_INVALID'
  /** The log's tree at the checkpoint's size has another root: history before it was rewritten (even with recomputed hashes). */
  | 'CHECKPOINT.ROOT_MISMATCH'
  /** Two signed checkpoints that cannot both be views of one append-only log (a fork, a rollback). */
  | 'CHECKPOINT.INCONSISTENT'
  /** The log holds fewer events than a checkpoint signed: events were removed from its end. */
  | 'CHECKPOINT.BEYOND_HEAD'
  /** A cosignature by a trusted witness does not verify. */
  | 'WITNESS.COSIGNATURE_INVALID'
  /** No checkpoint is cosigned by as many of the trusted witnesses as required. */
  | 'WITNESS.QUORUM_NOT_MET'
  /** A checkpoint's RFC 3161 timestamp does not verify. */
  | 'TIMESTAMP.INVALID';

/** A checkpoint as problems name it: its tree size and where it was read from. */
export interface CheckpointRef {
  treeSize: number;
  source: string;
}

export interface ChainProblem {
  code: ChainProblemCode;
  message: string;
  /** The event (or stream) the problem was found at. */
  streamId?: string;
  revision?: number;
  position?: number;
  eventId?: string;
  /** The leaf of the log tree concerned. */
  leafIndex?: number;
  /** The hash verification computed (or a checkpoint signed)… */
  expectedHash?: string;
  /** …and the one found in the store. */
  foundHash?: string;
  expectedRevision?: number;
  /** The checkpoint concerned… */
  checkpoint?: CheckpointRef;
  /** …and, for two that disagree, the other one. */
  otherCheckpoint?: CheckpointRef;
}

/** An event that no longer decodes, as verification reports it. */
export function unreadableEventProblem(error: {
  message: string;
  at: { streamId: string; revision: number; position: number; eventId: string };
}): ChainProblem {
  return { code: 'CHAIN.UNREADABLE_EVENT', message: error.message, ...error.at };
}
