/** Where the ledger keeps what proves its log intact. */
export interface TamperEvidenceSettings {
  /** The Ed25519 private key (PKCS#8 PEM) checkpoints are signed with; created on first use. */
  signingKeyFile: string;
  /** Where each checkpoint is also written as `<position>.json`, for keeping out of band. */
  checkpointDir: string;
  /**
   * Whether the store's commit times never decrease in position order (SQLite, in memory:
   * yes; KurrentDB: within each stream only). Default true. See ChainVerifierOptions.
   */
  globalTimeOrder?: boolean;
}

/** Nest token of the TamperEvidenceSettings the verification route uses. */
export const TAMPER_EVIDENCE_SETTINGS = Symbol('TAMPER_EVIDENCE_SETTINGS');
