import { verifyLedger } from '#application';
import { loadConfig, openEventStore, tamperEvidenceSettings } from '../../api/src/index.js';
import { describeChainProblem } from './tamper-evidence/describe-problem.js';
import { verificationProgressBar } from './tamper-evidence/verification-progress.js';

export interface VerifyCommandOptions {
  checkpoint?: string[];
  publicKey?: string;
  json?: boolean;
}

/**
 * `ledger verify`: recomputes every hash chain and checks every checkpoint (the store's,
 * the checkpoint directory's and those given). Exit 0: intact; 1: a problem, the first one
 * printed; 2 (from main): verification could not run.
 */
export async function verifyCommand(options: VerifyCommandOptions): Promise<number> {
  const config = loadConfig();
  const store = await openEventStore(config);
  const progress = verificationProgressBar('verify');
  const started = process.hrtime.bigint();
  let result;
  try {
    result = await verifyLedger(store, tamperEvidenceSettings(config), {
      checkpointFiles: options.checkpoint ?? [],
      ...(options.publicKey ? { publicKeyFile: options.publicKey } : {}),
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    });
  } finally {
    progress.stop();
    await store.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (options.json) {
    console.log(JSON.stringify({ ...result, seconds }));
  } else {
    const rate = seconds > 0 ? Math.round(result.events / seconds).toLocaleString('en') : '–';
    const scope = `${count(result.events, 'event')} in ${count(result.streams, 'stream')} up to position ${result.upTo}`;
    if (result.ok) {
      console.log(`Intact: ${scope}, verified in ${seconds.toFixed(2)} s (${rate} events/s)`);
      const last = result.checkpoints.at(-1);
      console.log(
        last
          ? `Checkpoints: ${result.checkpoints.length} verified with key ${result.trustedKey?.keyId} (latest at position ${last.position}, signed ${last.signedAt})`
          : 'No signed checkpoint yet: run `ledger checkpoint` so that a truncated log or rewritten chains are detected too',
      );
    } else {
      console.error(
        `NOT INTACT: of the log up to position ${result.upTo}, ${count(result.events, 'event')} verified, then:`,
      );
      console.error(describeChainProblem(result.problem!));
    }
  }
  return result.ok ? 0 : 1;
}

const count = (n: number, noun: string) => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
