import { existsSync, readFileSync } from 'node:fs';
import { ledgerVerifierKey, readPublicKeyFile } from '#application';
import { formatVerifierKey } from '#verifier';

/** A C2SP verifier key given on the command line, or the path of a file that holds one. */
export function vkeyArgument(value: string): string {
  return existsSync(value) ? readFileSync(value, 'utf8').trim() : value.trim();
}

/**
 * The ledger keys an auditor gives (`--ledger-key`, or `--public-key` with a PEM file, named
 * with the ledger's origin), as vkeys. None: the caller falls back to the key it finds.
 */
export function ledgerKeyArguments(options: { ledgerKey?: string[]; publicKey?: string }, origin: string | undefined): string[] {
  const keys = (options.ledgerKey ?? []).map(vkeyArgument);
  if (options.publicKey) keys.push(formatVerifierKey(ledgerVerifierKey(readPublicKeyFile(options.publicKey), origin)));
  return keys;
}
