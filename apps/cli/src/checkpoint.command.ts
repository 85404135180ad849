import { writeFileSync } from 'node:fs';
import { loadConfig } from '#runtime';
import { describeChainProblem } from './tamper-evidence/describe-problem.js';
import { openLedgerProofs, signingOf } from './tamper-evidence/open-ledger-proofs.js';

export interface CheckpointCommandOptions {
  out?: string;
  json?: boolean;
}

/**
 * `ledger checkpoint`: brings the log tree up to the store's head (checking every new event
 * against its chain), then signs a C2SP checkpoint of it — what `ledger serve` does on its
 * own every N events or T seconds. The key is created on first use; its verifier key is
 * printed, to be handed to auditors and witnesses by another channel.
 */
export async function checkpointCommand(options: CheckpointCommandOptions): Promise<number> {
  const proofs = await openLedgerProofs(loadConfig(), { follow: true });
  try {
    const signing = await signingOf(proofs);
    const { log } = proofs.transparency;
    if (signing.keyCreated && !options.json) {
      console.log(`Created the checkpoint signing key ${proofs.settings.signingKeyFile} (mode 0600: keep it secret).`);
    }
    await log.follower.catchUp();
    const outcome = await signing.checkpoints.sign();
    if ('refused' in outcome) {
      if (options.json) console.log(JSON.stringify({ ok: false, problem: outcome.refused }));
      console.error('Not signed:');
      console.error(describeChainProblem(outcome.refused));
      return 1;
    }
    const checkpoint = 'signed' in outcome ? outcome.signed : outcome.unchanged;
    if (!checkpoint) {
      console.error('Not signed: nothing to sign yet (the log is empty, or its tree has not reached what this key signed before)');
      return 1;
    }
    const published = log.book.published(checkpoint.treeSize)!;
    if (options.out) writeFileSync(options.out, published);
    if (options.json) {
      console.log(JSON.stringify({ ok: true, signed: 'signed' in outcome, treeSize: checkpoint.treeSize, note: published, ledgerKey: signing.signer.vkey }));
      return 0;
    }
    console.log('signed' in outcome ? `Signed the checkpoint of tree size ${checkpoint.treeSize}:` : `The latest checkpoint already covers the log (tree size ${checkpoint.treeSize}):`);
    console.log(published.trimEnd());
    if ('signed' in outcome && outcome.timestampError) console.log(`Its timestamp failed (the server asks again later): ${outcome.timestampError}`);
    console.log(`The ledger's key, for auditors and witnesses (give it by another channel): ${signing.signer.vkey}`);
    if (options.out) console.log(`Written to ${options.out}: keep a copy where the ledger's host cannot write.`);
    return 0;
  } finally {
    await proofs.close();
  }
}
