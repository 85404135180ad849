import { existsSync, readFileSync } from 'node:fs';
import { ledgerVerifierKey, readPublicKeyFile } from '#application';
import { ED25519_NOTE, FormatError, formatVerifierKey, parseVerifierKey, type SignatureType, type VerifierKey } from '#verifier';

/** A C2SP verifier key given on the command line, or the path of a file that holds one. */
function vkeyArgument(value: string): string {
  return existsSync(value) ? readFileSync(value, 'utf8').trim() : value.trim();
}

/** The verifier key an option names (`--ledger-key`, `--witness`), of the signature type it must have. */
export function readVerifierKey(value: string, type: SignatureType, option: string): VerifierKey {
  let key: VerifierKey;
  try {
    key = parseVerifierKey(vkeyArgument(value));
  } catch (error) {
    if (error instanceof FormatError) throw new Error(`${option} ${value}: ${error.message}`);
    throw error;
  }
  if (key.type !== type) {
    const expected = type === ED25519_NOTE ? 'the ledger’s note key' : 'a witness cosignature key';
    throw new Error(`${option} ${value}: a key of signature type 0x0${key.type}, not 0x0${type} (${expected})`);
  }
  return key;
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
