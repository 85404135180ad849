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
  /** The log is not in strictly increasing position order. */
  | 'CHAIN.POSITION_NOT_INCREASING'
  /** A checkpoint that is not a checkpoint of this format. */
  | 'CHECKPOINT.MALFORMED'
  /** There are checkpoints but no public key to check them against. */
  | 'CHECKPOINT.NO_TRUSTED_KEY'
  /** Signed by a key other than the trusted one. */
  | 'CHECKPOINT.UNTRUSTED_KEY'
  | 'CHECKPOINT.SIGNATURE_INVALID'
  /** A checkpoint file's list of heads does not give the Merkle root that was signed. */
  | 'CHECKPOINT.HEADS_LIST_MISMATCH'
  /** The stream heads recomputed at the checkpoint's position are not the ones signed: history before it was rewritten. */
  | 'CHECKPOINT.HEADS_MISMATCH'
  /** The log ends before the checkpoint's position: events were removed from the end. */
  | 'CHECKPOINT.BEYOND_HEAD';

export interface ChainProblem {
  code: ChainProblemCode;
  message: string;
  /** The event (or stream) the problem was found at. */
  streamId?: string;
  revision?: number;
  position?: number;
  eventId?: string;
  /** The hash verification computed (or a checkpoint signed)… */
  expectedHash?: string;
  /** …and the one found in the store. */
  foundHash?: string;
  expectedRevision?: number;
  /** The checkpoint concerned, by the position it covers and where it was read from. */
  checkpoint?: { position: number; source: string };
}
