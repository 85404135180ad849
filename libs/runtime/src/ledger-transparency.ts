import { generateKeyPairSync } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  CheckpointScheduler,
  CheckpointSigner,
  TransparencyLog,
  ledgerSigner,
  SignedHistory,
  signedHistoryFileOf,
  loadOrCreateSigningKey,
  type LedgerSigner,
  type SignOutcome,
  type TamperEvidenceSettings,
} from '#application';
import { CheckpointBook, LogTreeFollower, openTransparencyDatabase, type EventStore, type LogTreeFollowerOptions } from '#event-store';
import { parseVerifierKey } from '#verifier';

/** The log tree, the checkpoints and what feeds them: `<data dir>/transparency.sqlite`, whatever the store. */
export interface LedgerTransparency {
  log: TransparencyLog;
  db: Database;
  close(): Promise<void>;
}

/** The proofs file's name in the data directory. */
export const TRANSPARENCY_FILE = 'transparency.sqlite';

/**
 * Opens the proofs file (`:memory:` for a ledger in memory) and starts growing the tree from the store. Each process that
 * opens the ledger feeds the same file; the follower re-reads it in every write, so a CLI
 * beside a running server adds nothing twice.
 */
export async function openLedgerTransparency(
  store: EventStore,
  settings: TamperEvidenceSettings,
  where: { file: string; follow?: boolean },
  reports: Pick<LogTreeFollowerOptions, 'onProblem' | 'onFailure'> = {},
): Promise<LedgerTransparency> {
  const db = openTransparencyDatabase(where.file);
  const follower = new LogTreeFollower(store, db, {
    globalTimeOrder: settings.globalTimeOrder ?? true,
    densePositions: settings.densePositions ?? false,
    ...reports,
  });
  try {
    if (where.follow ?? true) await follower.start();
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    log: new TransparencyLog(follower, new CheckpointBook(db), (settings.witnesses ?? []).map((vkey) => parseVerifierKey(vkey))),
    db,
    async close() {
      await follower.stop();
      db.close();
    },
  };
}

/** What signs: the key (created on first use) under the ledger's origin, and the signer of checkpoints. */
export interface CheckpointSigning {
  signer: LedgerSigner;
  checkpoints: CheckpointSigner;
  /** This process generated the key (its first start): say so, and where. */
  keyCreated: boolean;
}

/**
 * The signing key is created on first use in the data directory, or, for a ledger that
 * lives in memory only, for this process alone: its checkpoints die with it anyway.
 */
export function openCheckpointSigning(
  log: TransparencyLog,
  settings: TamperEvidenceSettings,
  now: () => Date,
  keyLife: 'file' | 'process' = 'file',
): CheckpointSigning {
  // A key of this process only is new by definition.
  const key = keyLife === 'file' ? loadOrCreateSigningKey(settings.signingKeyFile) : { ...generateKeyPairSync('ed25519'), created: true };
  const signer = ledgerSigner(key, settings.origin);
  const history = new SignedHistory(keyLife === 'file' ? signedHistoryFileOf(settings.signingKeyFile) : undefined);
  return {
    signer,
    checkpoints: new CheckpointSigner(log, signer, { now, history, ...(settings.tsa ? { tsa: settings.tsa } : {}) }),
    keyCreated: key.created,
  };
}

/** `ledger serve`'s own checkpoints, unless they are turned off. */
export function startCheckpointSchedule(
  log: TransparencyLog,
  signing: CheckpointSigning,
  settings: TamperEvidenceSettings,
  now: () => Date,
  report: (line: string) => void,
): CheckpointScheduler | undefined {
  if (settings.checkpoints === 'off') return undefined;
  const scheduler = new CheckpointScheduler(log, signing.checkpoints, settings.checkpoints, now, {
    onOutcome: (outcome) => report(describeSignOutcome(outcome)),
    onError: (error) => report(`Checkpoint signing failed, trying again on its own: ${error instanceof Error ? error.message : String(error)}`),
  });
  scheduler.start();
  return scheduler;
}

export function describeSignOutcome(outcome: SignOutcome): string {
  if ('refused' in outcome) return `NOT SIGNING CHECKPOINTS: ${outcome.refused.code}: ${outcome.refused.message}`;
  if ('unchanged' in outcome) return `No new checkpoint: the latest (tree size ${outcome.unchanged?.treeSize ?? 0}) covers the whole log`;
  const { treeSize } = outcome.signed;
  return outcome.timestampError
    ? `Signed the checkpoint of tree size ${treeSize}; its timestamp failed (asked again later): ${outcome.timestampError}`
    : `Signed the checkpoint of tree size ${treeSize}`;
}
