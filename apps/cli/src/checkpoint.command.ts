import { userInfo } from 'node:os';
import { signLedgerCheckpoint } from '#application';
import { loadConfig, openEventStore, tamperEvidenceSettings } from '../../api/src/index.js';
import { describeChainProblem } from './tamper-evidence/describe-problem.js';
import { verificationProgressBar } from './tamper-evidence/verification-progress.js';

export interface CheckpointCommandOptions {
  actor?: string;
  json?: boolean;
}

/**
 * `ledger checkpoint`: verifies the store, then signs the heads of every stream at the head
 * position. The key is created on first use; its public part is printed, to be kept apart.
 */
export async function checkpointCommand(options: CheckpointCommandOptions): Promise<number> {
  const config = loadConfig();
  const settings = tamperEvidenceSettings(config);
  const store = await openEventStore(config);
  const progress = verificationProgressBar('verify');
  let result;
  try {
    result = await signLedgerCheckpoint(store, settings, {
      actor: options.actor ?? `cli:${userInfo().username}`,
      now: () => new Date(),
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    });
  } finally {
    progress.stop();
    await store.close();
  }
  const { key } = result;
  if (options.json) {
    const { checkpoint } = result.ok ? result : { checkpoint: undefined };
    console.log(
      JSON.stringify({
        ok: result.ok,
        ...(checkpoint ? { checkpoint: { ...checkpoint, heads: undefined }, file: result.ok ? result.file : undefined } : {}),
        ...(result.ok ? { eventPosition: result.eventPosition } : { problem: result.report.problem }),
        key: { keyId: key.keyId, file: key.file, publicKeyFile: key.publicKeyFile, created: key.created, publicKeyPem: key.publicKeyPem },
      }),
    );
    return result.ok ? 0 : 1;
  }
  if (key.created) {
    console.log(`Created the checkpoint signing key ${key.file} (mode 0600: keep it secret).`);
    console.log(`Its public key, also in ${key.publicKeyFile}: give it to whoever verifies, by another channel.`);
    console.log(key.publicKeyPem.trimEnd());
  }
  if (!result.ok) {
    console.error('Not signed: the store does not verify.');
    console.error(describeChainProblem(result.report.problem!));
    return 1;
  }
  const { checkpoint } = result;
  console.log(
    `Signed checkpoint at position ${checkpoint.position}: ${count(checkpoint.eventCount, 'event')} in ${count(checkpoint.streamCount, 'stream')}, ` +
      `heads root ${checkpoint.headsRoot}, key ${checkpoint.keyId}`,
  );
  console.log(`Kept in the store (position ${result.eventPosition}) and in ${result.file}: copy that file somewhere else too.`);
  return 0;
}

const count = (n: number, noun: string) => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
