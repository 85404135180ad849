import { commitmentOfToken, PERSONAL_DATA_TOKEN_PREFIX, type PersonalDataDisclosure } from '#verifier';
import type { PersonalDataVault, VaultEntry } from './personal-data-vault.js';
import { mapTexts } from './personal-texts.js';

const TOKENS_IN_TEXT = new RegExp(`${PERSONAL_DATA_TOKEN_PREFIX}[0-9a-f]{64}`, 'g');

/** What a reader sees in place of an erased name. */
export function erasedWording(erasure: NonNullable<VaultEntry['erasure']>): string {
  return `erased on ${erasure.erasedAt.slice(0, 10)} under ${erasure.reason}`;
}

/** A token whose entry the vault does not have (a vault restored from an older backup). */
export const UNAVAILABLE_WORDING = 'personal data not available';

/**
 * Turns tokens back into names for whoever reads: the name while it lives, the erasure's
 * wording once erased. Answers, streams to subscribers, CSV and PDF reports all pass
 * through here; only the log itself (and evidence of it) keeps the tokens.
 */
export class PersonalDataResolver {
  constructor(private readonly vault: PersonalDataVault) {}

  /** A copy of any JSON-like value with every token in its strings replaced. */
  resolve<T>(value: T): T {
    // Most values name nobody: they are handed back as they are, not copied.
    if (!JSON.stringify(value)?.includes(PERSONAL_DATA_TOKEN_PREFIX)) return value;
    return mapTexts(value, (text) => this.text(text));
  }

  /**
   * What an evidence bundle says of each commitment: the name and its salt while it lives (the
   * reader checks the event committed to it), the erasure once erased, and that it is not
   * available when the vault lacks it (a vault restored from an older backup).
   */
  disclose(commitments: Iterable<string>): PersonalDataDisclosure[] {
    const wanted = [...commitments];
    const entries = this.vault.entries(wanted);
    return wanted.map((commitment): PersonalDataDisclosure => {
      const entry = entries.get(commitment);
      if (entry?.name) return { commitment, name: entry.name.text, salt: entry.name.salt };
      return entry?.erasure ? { commitment, erased: { on: entry.erasure.erasedAt, reason: entry.erasure.reason } } : { commitment, unavailable: true };
    });
  }

  /**
   * One text with every token in it read: a name stored alone, or inside a text a read model
   * composed from it ("estimate by <token> (…)"), becomes the name or the erasure's wording.
   */
  text(value: string): string {
    if (!value.includes(PERSONAL_DATA_TOKEN_PREFIX)) return value;
    return value.replace(TOKENS_IN_TEXT, (token) => {
      const commitment = commitmentOfToken(token)!;
      return wordingOf(this.vault.entries([commitment]).get(commitment));
    });
  }

  /**
   * Every token in a JSON text replaced by its name, as a JSON string's content: for text
   * serialised once and sent many times (event-stream frames).
   */
  readonly namesInJson = (json: string): string =>
    json.includes(PERSONAL_DATA_TOKEN_PREFIX) ? json.replace(TOKENS_IN_TEXT, (token) => JSON.stringify(this.text(token)).slice(1, -1)) : json;

  /**
   * For `JSON.stringify(value, replacer)` and Express's `json replacer`: every JSON answer reads
   * names this way, whichever code built it.
   */
  readonly jsonReplacer = (_key: string, value: unknown): unknown => (typeof value === 'string' ? this.text(value) : value);
}

function wordingOf(entry: VaultEntry | undefined): string {
  if (entry?.name) return entry.name.text;
  return entry?.erasure ? erasedWording(entry.erasure) : UNAVAILABLE_WORDING;
}
