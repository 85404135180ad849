import type { CheckpointSigner, LedgerSigner } from '#application';

/** The ledger's key and checkpoint signer, for a bundle that needs a checkpoint covering its deal. */
export const CHECKPOINT_SIGNING = Symbol('CHECKPOINT_SIGNING');

export interface EvidenceSigning {
  signer: LedgerSigner;
  checkpoints: CheckpointSigner;
}
