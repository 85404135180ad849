import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { AccessLog, exportDealEvidence } from '#application';
import { loadConfig } from '#runtime';
import { reportNotExported } from './tamper-evidence/describe-problem.js';
import { openLedgerProofs, signingOf } from './tamper-evidence/open-ledger-proofs.js';
import { verificationProgressBar } from './tamper-evidence/verification-progress.js';

export interface ExportCommandOptions {
  deal: string;
  out: string;
  actor?: string;
  json?: boolean;
}

/** `ledger export --deal <id> --out <dir>`: an evidence bundle, checkable offline with `ledger verify-bundle`. */
export async function exportCommand(options: ExportCommandOptions): Promise<number> {
  const out = resolve(options.out);
  // Into a new or empty directory only: a bundle mixed with other files would not verify.
  if (listDir(out).length > 0) throw new Error(`${out} is not empty: export into a new or empty directory`);
  const proofs = await openLedgerProofs(loadConfig(), { follow: true, names: true });
  const progress = verificationProgressBar('verify');
  const actor = options.actor ?? `cli:${userInfo().username}`;
  let result;
  let ledgerKey: string;
  try {
    const signing = await signingOf(proofs);
    ledgerKey = signing.signer.vkey;
    result = await exportDealEvidence(proofs.store, proofs.transparency.log, signing, proofs.settings, {
      dealId: options.deal,
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
      names: proofs.personalData!.resolver,
    });
    // An export is an audit read like any other: logged before the bundle is written out.
    if (result.ok) {
      const resource = `ledger export --deal ${options.deal}`;
      await new AccessLog(proofs.store).record({ kind: 'export', actor, credential: 'cli', resource, dealId: options.deal, status: 0 });
    }
  } finally {
    progress.stop();
    await proofs.close();
  }
  if (!result.ok) return reportNotExported(result, options.json);
  mkdirSync(out, { recursive: true });
  for (const [name, bytes] of result.files) writeFileSync(join(out, name), bytes);
  if (options.json) {
    console.log(
      JSON.stringify({ ok: true, dir: out, files: [...result.files.keys()], events: result.events, treeSize: result.treeSize, signedNewCheckpoint: result.signedNewCheckpoint, ledgerKey }),
    );
    return 0;
  }
  if (result.signedNewCheckpoint) console.log(`No checkpoint covered the deal yet: signed one of tree size ${result.treeSize}.`);
  console.log(`Exported ${options.deal}: ${result.events} events, proved in the checkpoint of tree size ${result.treeSize}, into ${out}`);
  console.log(`Check it anywhere with: ledger verify-bundle ${out} --ledger-key '${ledgerKey}'`);
  return 0;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
