import { readStoredCheckpoints, verifyChains, type EventStore, type VerificationProgress, type VerificationReport } from '#event-store';
import { readCheckpointDir, readCheckpointFile } from './checkpoint-files.js';
import { trustedPublicKey } from './signing-key.js';
import type { TamperEvidenceSettings } from './tamper-evidence-settings.js';

export interface VerifyLedgerOptions {
  /** Checkpoint files kept elsewhere, checked besides the store's and the checkpoint directory's. */
  checkpointFiles?: readonly string[];
  /** A public key kept out of band, trusted instead of the one in the data directory. */
  publicKeyFile?: string;
  onProgress?: (progress: VerificationProgress) => void;
  yieldEvery?: number;
}

export interface LedgerVerification extends VerificationReport {
  /** The key checkpoints were checked against, if any. */
  trustedKey?: { keyId: string; source: string };
  /** How many checkpoints were found (verified or not). */
  checkpointsFound: number;
}

/**
 * `ledger verify` and GET /audit/verify: every chain, and every checkpoint found in the
 * store, in the checkpoint directory and in the files given. The checkpoints are read
 * before the head position is, so one beyond the head can only mean a truncated log.
 */
export async function verifyLedger(
  store: EventStore,
  settings: TamperEvidenceSettings,
  options: VerifyLedgerOptions = {},
): Promise<LedgerVerification> {
  const checkpoints = [
    ...(await readStoredCheckpoints(store)),
    ...readCheckpointDir(settings.checkpointDir),
    ...(options.checkpointFiles ?? []).map(readCheckpointFile),
  ];
  const trusted = trustedPublicKey(settings.signingKeyFile, options.publicKeyFile);
  const report = await verifyChains(store, {
    checkpoints,
    globalTimeOrder: settings.globalTimeOrder ?? true,
    ...(trusted ? { trustedKey: trusted.key } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.yieldEvery ? { yieldEvery: options.yieldEvery } : {}),
  });
  return {
    ...report,
    ...(trusted ? { trustedKey: { keyId: trusted.keyId, source: trusted.source } } : {}),
    checkpointsFound: checkpoints.length,
  };
}
