import { sha256 } from './encoding.js';

/**
 * Names of people are not stored in events: each is replaced by a token carrying a salted
 * commitment to it, and the name and its salt are kept apart (the ledger's personal-data
 * vault), where an erasure can destroy them. The hash chain and the log tree cover the token
 * only, so erasing a name leaves every hash and proof as it was; anyone shown the name and
 * its salt can check it is the one the event committed to.
 */
export const PERSONAL_DATA_TOKEN_PREFIX = 'personal-data:sha256:';

const TOKEN = /^personal-data:sha256:([0-9a-f]{64})$/;

/** Separates these hashes from every other SHA-256 the ledger computes. */
const DOMAIN = 'deal-ledger personal data v1\n';

/** SHA-256 (hex) of the domain line, the salt (hex) and a newline, then the text as UTF-8. */
export function personalDataCommitment(saltHex: string, text: string): string {
  return sha256(`${DOMAIN}${saltHex}\n${text}`).toString('hex');
}

export function personalDataToken(commitment: string): string {
  return `${PERSONAL_DATA_TOKEN_PREFIX}${commitment}`;
}

/** The commitment a token carries, or undefined when `value` is not a token. */
export function commitmentOfToken(value: string): string | undefined {
  return TOKEN.exec(value)?.[1];
}
