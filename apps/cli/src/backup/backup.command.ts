import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '#runtime';
import { describeChainProblem } from '../tamper-evidence/describe-problem.js';
import { LEDGER_FILES, MANIFEST_FILE, SIGNING_KEY_FILE, type BackupManifest } from './ledger-files.js';
import { copySqliteFile } from './sqlite-copy.js';
import { isBusy, verifyCopy } from './verify-copy.js';

/** How long to wait for a file a running server holds exclusively before leaving it out. */
const EXCLUSIVE_WAIT_MS = 200;

/**
 * `ledger backup <dir>`: the SQLite ledger's files copied with SQLite's online backup while
 * the server runs and writes (each file as of one moment, the log last so nothing is ahead
 * of it), the signing key beside them when it lives in the data directory, then the copy
 * verified as `ledger verify` would. Exit 0: the backup is complete and intact; 1: it does
 * not verify (keep the old one).
 */
export async function backupCommand(dir: string, options: { json?: boolean }): Promise<number> {
  const config = loadConfig();
  if (config.store !== 'sqlite') {
    throw new Error(
      config.store === 'kurrentdb'
        ? 'On KurrentDB the log lives in the server, with the durable subscriptions\' state: back it up with KurrentDB’s own tools; the read models rebuild from it'
        : 'An in-memory ledger keeps nothing to back up',
    );
  }
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${dir} must be a new or empty directory`);
  if (!existsSync(join(config.dataDir, 'events.sqlite'))) throw new Error(`No ledger in ${config.dataDir} (LEDGER_DATA_DIR): events.sqlite is missing`);
  mkdirSync(target, { recursive: true });

  const files: BackupManifest['files'] = [];
  const leftOut: BackupManifest['leftOut'] = [];
  for (const { file, required, irreplaceable } of LEDGER_FILES) {
    const source = join(config.dataDir, file);
    if (!existsSync(source)) {
      if (required) throw new Error(`${file} is missing from ${config.dataDir}`);
      leftOut.push({ file, why: 'not in the data directory' });
      continue;
    }
    try {
      await copySqliteFile(source, join(target, file), irreplaceable ? 5_000 : EXCLUSIVE_WAIT_MS);
      files.push({ file, bytes: statSync(join(target, file)).size });
    } catch (error) {
      if (irreplaceable || !isBusy(error)) throw error;
      // The running server owns its read models and subscriptions (exclusive locking).
      leftOut.push({ file, why: 'held by the running server: stop it to include this file' });
    }
  }
  const keyFile = join(config.dataDir, SIGNING_KEY_FILE);
  const signingKey = config.signingKeyFile === undefined && existsSync(keyFile);
  if (signingKey) {
    copyFileSync(keyFile, join(target, SIGNING_KEY_FILE));
    chmodSync(join(target, SIGNING_KEY_FILE), 0o600);
  }

  const { verification, head } = await verifyCopy(config, target, config.dataDir);
  const manifest: BackupManifest = { format: 'deal-ledger-backup/1', createdAt: new Date().toISOString(), from: config.dataDir, head, files, leftOut, signingKey };
  writeFileSync(join(target, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);

  if (options.json) console.log(JSON.stringify({ ...manifest, dir: target, verification }));
  else {
    console.log(`Backed up ${config.dataDir} to ${target}: ${files.map((f) => f.file).join(', ')}${signingKey ? `, ${SIGNING_KEY_FILE} (mode 0600: keep the backup secret)` : ''}; the log up to position ${head}`);
    for (const { file, why } of leftOut) console.log(`Left out ${file}: ${why}`);
    if (leftOut.some((l) => l.file === 'subscriptions.sqlite')) console.log('Without subscriptions.sqlite a restored ledger has no durable subscriptions: create them again');
    if (verification.ok) console.log(`Verified: ${verification.events.toLocaleString('en')} events, every chain and ${verification.checkpoints.length} checkpoints intact`);
    else console.error(`THE BACKUP DOES NOT VERIFY: ${describeChainProblem(verification.problem!)}`);
  }
  return verification.ok ? 0 : 1;
}
