import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readPublicKeyFile, verifyEvidenceBundle } from '#application';
import { describeChainProblem } from './tamper-evidence/describe-problem.js';

export interface VerifyBundleCommandOptions {
  publicKey?: string;
  json?: boolean;
}

/**
 * `ledger verify-bundle <dir>`: offline, without the store or any configuration. Exit 0:
 * intact; 1: a problem (printed); 2 (from main): the directory cannot be read.
 */
export async function verifyBundleCommand(dir: string, options: VerifyBundleCommandOptions): Promise<number> {
  const root = resolve(dir);
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    // Anything that is not a plain file (a directory, a link to one) counts as an extra file.
    files.set(name, statSync(path).isFile() ? readFileSync(path) : Buffer.alloc(0));
  }
  const result = verifyEvidenceBundle(files, options.publicKey ? { trustedKey: readPublicKeyFile(options.publicKey) } : {});
  if (options.json) {
    console.log(JSON.stringify(result));
  } else if (result.ok) {
    console.log(
      `Intact: ${result.dealId}, ${result.events} events up to position ${result.lastPosition}, ` +
        `covered by the checkpoint at position ${result.checkpointPosition} signed ${result.checkpointSignedAt}`,
    );
    console.log(
      result.keyPinned
        ? `Signed by the trusted key ${result.keyId}.`
        : `Signed by key ${result.keyId}: compare it with the ledger's public key (or pass --public-key), ` +
            'since anyone can sign a bundle with a key of their own.',
    );
  } else {
    const problem = result.problem!;
    console.error(`NOT INTACT: ${problem.code}: ${problem.message}${problem.file ? ` (${problem.file})` : ''}`);
    if (problem.cause) console.error(describeChainProblem(problem.cause));
  }
  return result.ok ? 0 : 1;
}
