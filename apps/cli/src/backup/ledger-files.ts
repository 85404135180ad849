import { PERSONAL_DATA_FILE } from '#application';
import { READ_MODELS_FILE, TRANSPARENCY_FILE } from '#runtime';

/**
 * A SQLite ledger's files in the order a backup copies them: everything that follows the log
 * before the log itself, so no copy is ahead of the log it is restored with (a read model
 * or log tree behind the log catches up on start; one ahead would be refused). The
 * personal-data vault comes after: a name is kept before the event naming it is written, so a
 * later copy holds every name the copied log names (and erasures are re-applied from the log).
 */
export const LEDGER_FILES = [
  { file: READ_MODELS_FILE, role: 'read models (rebuilt from the log when missing)', required: false, irreplaceable: false },
  { file: 'subscriptions.sqlite', role: 'durable subscriptions: definitions, checkpoints, parked events', required: false, irreplaceable: false },
  { file: TRANSPARENCY_FILE, role: 'the log tree and the signed checkpoints', required: true, irreplaceable: true },
  { file: 'events.sqlite', role: 'the log', required: true, irreplaceable: true },
  // Not rebuildable from anything: copied whenever it exists (a data directory from before the vault has none).
  { file: PERSONAL_DATA_FILE, role: 'names of people the log holds as tokens (erasable)', required: false, irreplaceable: true },
] as const;

/** What `ledger backup` writes beside the copies: what it copied, from where, up to which position. */
export const MANIFEST_FILE = 'backup.json';

export const SIGNING_KEY_FILE = 'checkpoint-signing-key.pem';

export interface BackupManifest {
  format: 'deal-ledger-backup/1';
  createdAt: string;
  from: string;
  /** The log's head in the copy. */
  head: number;
  files: { file: string; bytes: number }[];
  /** Files not copied, and why (the server holds them). */
  leftOut: { file: string; why: string }[];
  signingKey: boolean;
}
