/** How often `ledger serve` signs a checkpoint of the log tree on its own: whichever comes first. */
export interface CheckpointSchedule {
  /** Once the tree has grown by this many events since the last checkpoint (default 1,000). */
  everyEvents: number;
  /** Once this many seconds have passed since the last checkpoint, if the tree has grown at all (default 60). */
  everySeconds: number;
}

/** An RFC 3161 Time-Stamp Authority that timestamps each checkpoint. */
export interface TimestampAuthority {
  url: string;
  /** PEM certificates the TSA's certificate must chain to (LEDGER_TSA_CA_FILE). */
  trustAnchorsPem?: string[];
}

/** Where the ledger keeps what proves its log intact, and how it proves it. */
export interface TamperEvidenceSettings {
  /** The Ed25519 private key (PKCS#8 PEM) checkpoints are signed with; created on first use. */
  signingKeyFile: string;
  /**
   * The checkpoints' origin line, which is also the signing key's name (LEDGER_ORIGIN).
   * Unset: `deal-ledger.local/<16 hex digits of the key>`, so a replaced key shows as another log.
   */
  origin?: string;
  /** Signed on its own by `ledger serve`; 'off' only when asked (LEDGER_CHECKPOINTS=off). */
  checkpoints: CheckpointSchedule | 'off';
  tsa?: TimestampAuthority;
  /** The witnesses' C2SP verifier keys (LEDGER_WITNESSES): only their cosignatures are taken and counted. */
  witnesses?: string[];
  /**
   * Whether the store's commit times never decrease in position order (SQLite, in memory:
   * yes; KurrentDB: within each stream only). Default true. See ChainVerifierOptions.
   */
  globalTimeOrder?: boolean;
  /** Whether the store's positions are 1, 2, 3… (SQLite, in memory: yes; KurrentDB: no). */
  densePositions?: boolean;
}

export const DEFAULT_CHECKPOINT_SCHEDULE: CheckpointSchedule = { everyEvents: 1_000, everySeconds: 60 };

/** Nest token of the TamperEvidenceSettings the verification routes use. */
export const TAMPER_EVIDENCE_SETTINGS = Symbol('TAMPER_EVIDENCE_SETTINGS');
