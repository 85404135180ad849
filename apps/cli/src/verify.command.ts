import { readFileSync } from 'node:fs';
import { verifyLedger, type LedgerVerification } from '#application';
import { loadConfig } from '#runtime';
import { describeChainProblem } from './tamper-evidence/describe-problem.js';
import { ledgerKeyArguments } from './tamper-evidence/key-arguments.js';
import { openLedgerProofs } from './tamper-evidence/open-ledger-proofs.js';
import { reportReadModels } from './tamper-evidence/read-model-report.js';
import { verificationProgressBar } from './tamper-evidence/verification-progress.js';
import { verifyDealCommand } from './tamper-evidence/verify-deal.command.js';

export interface VerifyCommandOptions {
  /** Signed checkpoints (C2SP notes) kept elsewhere. */
  checkpoint?: string[];
  /** The ledger's key obtained apart from the ledger: a vkey, or a file holding one. */
  ledgerKey?: string[];
  /** The same as a PEM public key file (named with the ledger's origin). */
  publicKey?: string;
  witness?: string[];
  require?: string;
  tsaCa?: string;
  deal?: string;
  json?: boolean;
  /** Also check every deal's read-model rows against its events. */
  readModels?: boolean;
}

/**
 * `ledger verify`: recomputes every hash chain, checks every event against the log tree and
 * every checkpoint (the ledger's and those given) against the tree the log makes; with
 * witnesses, requires their cosignatures. Exit 0: intact; 1: a problem, the first one
 * printed; 2 (from main): verification could not run.
 */
export async function verifyCommand(options: VerifyCommandOptions): Promise<number> {
  const config = loadConfig();
  if (options.deal) return verifyDealCommand(config, options.deal, options);
  const proofs = await openLedgerProofs(config, { follow: false });
  const progress = verificationProgressBar('verify');
  const started = process.hrtime.bigint();
  const require = options.require === undefined ? (options.witness?.length ? 1 : 0) : Number(options.require);
  if (!Number.isInteger(require) || require < 0 || require > (options.witness?.length ?? 0)) {
    throw new Error(`--require must be a whole number from 0 to the number of --witness keys given, not ${options.require}`);
  }
  let result: LedgerVerification;
  try {
    result = await verifyLedger(proofs.store, proofs.transparency.log, proofs.settings, {
      checkpointFiles: options.checkpoint ?? [],
      ledgerKeys: ledgerKeyArguments(options, proofs.settings.origin),
      ...(options.witness?.length ? { witnesses: { keys: options.witness, require } } : {}),
      ...(options.tsaCa ? { tsaTrustAnchorsPem: [readFileSync(options.tsaCa, 'utf8')] } : {}),
      storage: 'thorough',
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    });
  } finally {
    progress.stop();
    await proofs.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (options.json) console.log(JSON.stringify({ ...result, seconds }));
  else printVerification(result, seconds, require);
  const readModelsOk = options.readModels ? await reportReadModels(config, { json: options.json }) : true;
  return result.ok && readModelsOk ? 0 : 1;
}

function printVerification(result: LedgerVerification, seconds: number, require: number): void {
  const rate = seconds > 0 ? Math.round(result.events / seconds).toLocaleString('en') : '–';
  const scope = `${count(result.events, 'event')} in ${count(result.streams, 'stream')} up to position ${result.upTo}`;
  if (!result.ok) {
    console.error(`NOT INTACT: of the log up to position ${result.upTo}, ${count(result.events, 'event')} verified, then:`);
    console.error(describeChainProblem(result.problem!));
    return;
  }
  console.log(`Intact: ${scope}, verified in ${seconds.toFixed(2)} s (${rate} events/s); tree root ${result.root}`);
  const keys = result.ledgerKeys.map((k) => `${k.vkey} (${k.source})`).join(', ') || 'no ledger key known';
  const last = result.checkpoints.at(-1);
  console.log(
    last
      ? `Checkpoints: ${result.checkpoints.length} verified with ${keys}; the latest covers ${count(last.treeSize, 'event')}`
      : 'No signed checkpoint yet: `ledger serve` signs them on its own (or run `ledger checkpoint`)',
  );
  if (result.notYetCheckpointed > 0) console.log(`Not yet checkpointed: ${count(result.notYetCheckpointed, 'event')}, protected by their chains only`);
  if (require > 0) {
    const tail = result.notYetWitnessed ? `; the ${count(result.notYetWitnessed, 'event')} after it are not witnessed yet` : '';
    console.log(`Witnessed: the first ${count(result.witnessedUpTo ?? 0, 'event')}, under a checkpoint cosigned by at least ${require} of the witnesses named${tail}`);
  }
  if (result.timestamps.length > 0) console.log(`Timestamps: ${result.timestamps.length} verified, the latest ${result.timestamps.at(-1)!.genTime}`);
  console.log(
    'What this proves: nothing before the latest checkpoint was changed or removed since it was signed. ' +
      'Against someone holding the signing key, only witnesses (--witness … --require k) prove that.',
  );
}

const count = (n: number, noun: string) => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
