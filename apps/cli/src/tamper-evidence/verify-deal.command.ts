import { readFileSync } from 'node:fs';
import { ledgerVerifierKey, localPublicKey, verifyDeal, type DealVerification } from '#application';
import { parseVerifierKey } from '#verifier';
import type { LedgerConfig } from '#runtime';
import { describeChainProblem } from './describe-problem.js';
import { describeReadModelDifference } from './describe-read-model-difference.js';
import { ledgerKeyArguments } from './key-arguments.js';
import { openLedgerProofs } from './open-ledger-proofs.js';
import { openReadModelsReadOnly } from './open-read-models.js';

/**
 * `ledger verify --deal <id>`: the same as GET /deals/:dealId/verification, from the files:
 * the deal's chain, each event's inclusion under the latest signed checkpoint, and its
 * read-model rows against its events.
 */
export async function verifyDealCommand(
  config: LedgerConfig,
  dealId: string,
  options: { ledgerKey?: string[]; publicKey?: string; tsaCa?: string; json?: boolean },
): Promise<number> {
  const readModels = openReadModelsReadOnly(config, '--deal');
  const proofs = await openLedgerProofs(config, { follow: false }).catch((error: unknown) => {
    readModels.close();
    throw error;
  });
  let result: DealVerification;
  try {
    const given = ledgerKeyArguments(options, proofs.settings.origin)[0];
    const local = localPublicKey(proofs.settings.signingKeyFile);
    if (!given && !local) throw new Error('No ledger key is known here: give one with --ledger-key');
    result = await verifyDeal(proofs.store, proofs.transparency.log, readModels, dealId, {
      ledgerKey: given ? parseVerifierKey(given) : ledgerVerifierKey(local!.key, proofs.settings.origin),
      ...(options.tsaCa ? { tsaTrustAnchorsPem: [readFileSync(options.tsaCa, 'utf8')] } : {}),
    });
  } finally {
    readModels.close();
    await proofs.close();
  }
  if (options.json) {
    console.log(JSON.stringify(result));
    return result.ok ? 0 : 1;
  }
  const { chain, checkpoint, included, notYetCheckpointed, readModel } = result;
  console.log(`${dealId}: ${chain.ok ? `${chain.events} events chained` : 'its chain is broken'}`);
  if (checkpoint) {
    const cosigned = checkpoint.cosigners.length > 0 ? `, cosigned by ${checkpoint.cosigners.map((c) => c.name).join(', ')}` : ', not cosigned';
    const stamped = checkpoint.timestamp ? `, timestamped ${checkpoint.timestamp.genTime}${checkpoint.timestamp.verified ? ' (verified)' : ' (not verified: give --tsa-ca)'}` : '';
    console.log(`  ${included.length} included in the checkpoint of tree size ${checkpoint.treeSize} (signed ${checkpoint.signedAt}${cosigned}${stamped})`);
  } else {
    console.log('  no checkpoint signed yet');
  }
  if (notYetCheckpointed.length > 0) {
    console.log(`  not yet checkpointed: revisions ${notYetCheckpointed.map((e) => e.revision).join(', ')}`);
  }
  console.log(`  read model: ${readModel.ok ? 'equals a fresh fold of its events' : `${readModel.differences.length} differences`}`);
  for (const difference of readModel.differences) console.error(describeReadModelDifference(difference));
  if (result.problem) console.error(describeChainProblem(result.problem));
  return result.ok ? 0 : 1;
}
