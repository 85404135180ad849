import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { AccessLog, exportRegulatorPackage, exportScopeOf, zipPackage, type ExportScope } from '#application';
import { LedgerError } from '#domain';
import { formatScope } from '#verifier';
import { loadConfig } from '#runtime';
import { reportNotExported } from './tamper-evidence/describe-problem.js';
import { openLedgerProofs, signingOf } from './tamper-evidence/open-ledger-proofs.js';
import { verificationProgressBar } from './tamper-evidence/verification-progress.js';

export interface RegulatorExportCommandOptions {
  deal?: string;
  party?: string;
  from?: string;
  to?: string;
  out: string;
  actor?: string;
  json?: boolean;
}

/**
 * `ledger export --regulator (--deal <id> | --party <id> | --from <instant> --to <instant>) --out <file.zip>`:
 * the regulator package as one zip, checkable offline with `ledger verify-bundle <file.zip>`.
 */
export async function regulatorExportCommand(options: RegulatorExportCommandOptions): Promise<number> {
  try {
    return await exportPackage(options);
  } catch (error) {
    // The ledger's refusals (a bad instant, an unknown deal) keep their stable code and field, as over HTTP.
    if (!(error instanceof LedgerError)) throw error;
    if (options.json) console.log(JSON.stringify({ ok: false, code: error.code, field: error.field, message: error.message }));
    console.error(`ledger: ${error.code}${error.field ? ` (${error.field})` : ''}: ${error.message}`);
    return 2;
  }
}

async function exportPackage(options: RegulatorExportCommandOptions): Promise<number> {
  const given = [options.deal !== undefined, options.party !== undefined, options.from !== undefined || options.to !== undefined].filter(Boolean).length;
  if (given !== 1) throw new Error('--regulator takes one scope: --deal <id>, --party <id>, or --from <instant> --to <instant>');
  const scope = exportScopeOf({
    ...(options.deal !== undefined ? { dealId: options.deal } : {}),
    ...(options.party !== undefined ? { partyId: options.party } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
  });
  const out = resolve(options.out);
  // Never over another file: a package is evidence, replaced by nobody's mistake.
  if (existsSync(out)) throw new Error(`${out} exists: export into a new file`);
  const actor = options.actor ?? `cli:${userInfo().username}`;
  const proofs = await openLedgerProofs(loadConfig(), { follow: true, names: true });
  const progress = verificationProgressBar('verify');
  let result;
  try {
    result = await exportRegulatorPackage(proofs.store, proofs.transparency.log, await signingOf(proofs), proofs.settings, {
      scope,
      requestedBy: actor,
      names: proofs.personalData!.resolver,
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    });
    // An export is an audit read like any other: logged before the package is written out.
    if (result.ok) {
      const resource = `ledger export --regulator ${scopeArguments(scope)}`;
      await new AccessLog(proofs.store).record({
        kind: 'export',
        actor,
        credential: 'cli',
        resource,
        ...(scope.kind === 'deal' ? { dealId: scope.dealId } : {}),
        status: 0,
      });
    }
  } finally {
    progress.stop();
    await proofs.close();
  }
  if (!result.ok) return reportNotExported(result, options.json);
  const zip = zipPackage(result.files);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip, { flag: 'wx' });
  const summary = { ok: true, file: out, scope: formatScope(scope), events: result.events, streams: result.streams, treeSize: result.treeSize, bytes: zip.length };
  if (options.json) {
    console.log(JSON.stringify({ ...summary, files: [...result.files.keys()], signedNewCheckpoint: result.signedNewCheckpoint }));
    return 0;
  }
  if (result.signedNewCheckpoint) console.log(`No checkpoint covered the export yet: signed one of tree size ${result.treeSize}.`);
  console.log(
    `Exported ${describeScope(scope)}: ${result.events} events, ${result.streams} stream bundles, proved in the checkpoint of tree size ${result.treeSize}, into ${out}`,
  );
  console.log(`Check it anywhere with: ledger verify-bundle ${out} --ledger-key <the ledger's key>`);
  return 0;
}

function scopeArguments(scope: ExportScope): string {
  switch (scope.kind) {
    case 'deal':
      return `--deal ${scope.dealId}`;
    case 'party':
      return `--party ${scope.partyId}`;
    case 'recorded':
      return `--from ${scope.from} --to ${scope.to}`;
  }
}

function describeScope(scope: ExportScope): string {
  switch (scope.kind) {
    case 'deal':
      return `deal ${scope.dealId}`;
    case 'party':
      return `party ${scope.partyId}`;
    case 'recorded':
      return `what was recorded in [${scope.from}, ${scope.to})`;
  }
}
