import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '#runtime';
import { describeChainProblem } from '../tamper-evidence/describe-problem.js';
import { MANIFEST_FILE, SIGNING_KEY_FILE, type BackupManifest } from './ledger-files.js';
import { copySqliteFile } from './sqlite-copy.js';
import { verifyCopy } from './verify-copy.js';

/**
 * `ledger restore <dir>`: a backup `ledger backup` made, verified, then copied into
 * LEDGER_DATA_DIR, which must hold no ledger (move the old one aside: nothing is
 * overwritten), then verified again where it now lies. Read models left out of the backup
 * are rebuilt from the log when `ledger serve` starts.
 */
export async function restoreCommand(dir: string, options: { json?: boolean }): Promise<number> {
  const config = loadConfig();
  if (config.store !== 'sqlite') throw new Error('ledger restore restores a SQLite ledger (LEDGER_STORE=sqlite)');
  const source = resolve(dir);
  const manifestFile = join(source, MANIFEST_FILE);
  if (!existsSync(manifestFile)) throw new Error(`${dir} is not a backup of \`ledger backup\`: ${MANIFEST_FILE} is missing`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== 'deal-ledger-backup/1') throw new Error(`${dir}: unknown backup format ${String(manifest.format)}`);
  if (existsSync(join(config.dataDir, 'events.sqlite'))) {
    throw new Error(`${config.dataDir} (LEDGER_DATA_DIR) already holds a ledger: move it aside (nothing is overwritten), then restore into an empty directory`);
  }
  // The key the backup's checkpoints must be signed with: its own copy, or the one configured.
  const keyFrom = manifest.signingKey ? source : config.dataDir;
  const before = await verifyCopy(config, source, keyFrom);
  if (!before.verification.ok) {
    console.error(`THE BACKUP DOES NOT VERIFY, nothing restored: ${describeChainProblem(before.verification.problem!)}`);
    return 1;
  }

  mkdirSync(config.dataDir, { recursive: true });
  for (const { file } of manifest.files) await copySqliteFile(join(source, file), join(config.dataDir, file), 5_000);
  if (manifest.signingKey && config.signingKeyFile === undefined) {
    copyFileSync(join(source, SIGNING_KEY_FILE), join(config.dataDir, SIGNING_KEY_FILE));
    chmodSync(join(config.dataDir, SIGNING_KEY_FILE), 0o600);
  }
  const after = await verifyCopy(config, config.dataDir, config.dataDir);
  if (options.json) console.log(JSON.stringify({ restored: manifest.files.map((f) => f.file), into: config.dataDir, head: after.head, verification: after.verification }));
  else if (after.verification.ok) {
    console.log(`Restored ${manifest.files.map((f) => f.file).join(', ')} into ${config.dataDir}: the log up to position ${after.head}, verified (${after.verification.events.toLocaleString('en')} events)`);
    if (manifest.leftOut.some((l) => l.file === 'read-models.sqlite')) console.log('The read models were not in the backup: `ledger serve` rebuilds them from the log as it starts');
  } else console.error(`THE RESTORED LEDGER DOES NOT VERIFY: ${describeChainProblem(after.verification.problem!)}`);
  return after.verification.ok ? 0 : 1;
}
