import { join } from 'node:path';
import { verifyLedger, type LedgerVerification } from '#application';
import { hasSqliteCode } from '#event-store';
import type { LedgerConfig } from '#runtime';
import { openLedgerProofs } from '../tamper-evidence/open-ledger-proofs.js';
import { SIGNING_KEY_FILE } from './ledger-files.js';

/**
 * The verification `ledger verify` runs, over a copy of the ledger's files in `dir`: every
 * chain, every event against the copied log tree, every copied checkpoint against the log,
 * with the signing key of the ledger the copy was made from (`keyFrom`'s), so a copy whose
 * checkpoints another key signed does not pass. Returns the log's head too.
 */
export async function verifyCopy(config: LedgerConfig, dir: string, keyFrom: string): Promise<{ verification: LedgerVerification; head: number }> {
  const proofs = await openLedgerProofs({ ...config, dataDir: dir, signingKeyFile: config.signingKeyFile ?? join(keyFrom, SIGNING_KEY_FILE) }, { follow: false });
  try {
    const verification = await verifyLedger(proofs.store, proofs.transparency.log, proofs.settings, { storage: 'thorough' });
    return { verification, head: await proofs.store.headPosition() };
  } finally {
    await proofs.close();
  }
}

export const isBusy = (error: unknown): boolean => hasSqliteCode(error, ['SQLITE_BUSY', 'SQLITE_LOCKED']);
