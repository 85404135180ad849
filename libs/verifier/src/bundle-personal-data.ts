import { EVIDENCE_BUNDLE_FILES as FILES, type BundleEvent } from './bundle-format.js';
import { fail } from './bundle-problem.js';
import { decodeUtf8 } from './encoding.js';
import { commitmentOfToken, personalDataCommitment } from './personal-data-commitment.js';

/**
 * What a bundle says about each name its events hold as a token: the name and its salt,
 * so the reader can check the event committed to that very name, or that it was erased.
 */
export type PersonalDataDisclosure =
  | { commitment: string; name: string; salt: string }
  | { commitment: string; erased: { on: string; reason: string } }
  /** The ledger does not hold the name (its vault lost it): said, never left out. */
  | { commitment: string; unavailable: true };

/** What personal-data.jsonl established; `tokens` without the file: names the bundle does not disclose. */
export type PersonalDataCheck = { names: number; erased: number; unavailable: number } | { undisclosed: number };

/** One JSON object per line, sorted by commitment: the same names always give the same bytes. */
export function formatPersonalDataFile(disclosures: readonly PersonalDataDisclosure[]): string {
  return [...disclosures]
    .sort((a, b) => (a.commitment < b.commitment ? -1 : a.commitment > b.commitment ? 1 : 0))
    .map((disclosure) => `${JSON.stringify(disclosure)}\n`)
    .join('');
}

/** Every commitment held as a token in any string of `value` (events, their data, an answer). */
export function commitmentsIn(value: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (item: unknown): void => {
    if (typeof item === 'string') {
      const commitment = commitmentOfToken(item);
      if (commitment !== undefined) found.add(commitment);
    } else if (Array.isArray(item)) item.forEach(visit);
    else if (item !== null && typeof item === 'object') Object.values(item).forEach(visit);
  };
  visit(value);
  return found;
}

/**
 * Checks personal-data.jsonl against the events: each disclosed name must be the one its
 * commitment binds (else the bundle attributes words to someone the event did not name), and
 * every token of the events must be disclosed, marked erased or marked unavailable. A bundle
 * without the file (an older one, or one whose holder deleted the names to honour an erasure)
 * discloses none: how many tokens go unexplained is reported, not refused.
 */
export function checkPersonalData(files: ReadonlyMap<string, Buffer>, events: readonly BundleEvent[]): PersonalDataCheck | undefined {
  const file = FILES.personalData;
  const tokens = commitmentsIn(events.map((event) => event.data));
  const bytes = files.get(file);
  if (!bytes) return tokens.size > 0 ? { undisclosed: tokens.size } : undefined;
  const text = decodeUtf8(bytes) ?? fail('BUNDLE.PERSONAL_DATA_INVALID', `${file} is not UTF-8`, { file });
  const disclosed = new Map<string, PersonalDataDisclosure>();
  for (const [i, line] of text.split('\n').filter((l) => l !== '').entries()) {
    const disclosure = parseDisclosure(line) ?? fail('BUNDLE.PERSONAL_DATA_INVALID', `${file} line ${i + 1} is not a disclosure`, { file });
    if ('name' in disclosure && personalDataCommitment(disclosure.salt, disclosure.name) !== disclosure.commitment) {
      fail('BUNDLE.PERSONAL_DATA_INVALID', `${file} line ${i + 1}: the name and salt given do not give commitment ${disclosure.commitment}`, { file });
    }
    disclosed.set(disclosure.commitment, disclosure);
  }
  for (const commitment of tokens) {
    if (!disclosed.has(commitment)) fail('BUNDLE.PERSONAL_DATA_INVALID', `${file} says nothing of the name committed to by ${commitment}`, { file });
  }
  const count = (kind: 'name' | 'erased' | 'unavailable') => [...disclosed.values()].filter((d) => kind in d).length;
  return { names: count('name'), erased: count('erased'), unavailable: count('unavailable') };
}

function parseDisclosure(line: string): PersonalDataDisclosure | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const { commitment, name, salt, erased } = value as Record<string, unknown>;
  if (typeof commitment !== 'string' || !/^[0-9a-f]{64}$/.test(commitment)) return undefined;
  if (typeof name === 'string' && typeof salt === 'string') return { commitment, name, salt };
  if ((value as Record<string, unknown>).unavailable === true) return { commitment, unavailable: true };
  if (erased !== null && typeof erased === 'object') {
    const { on, reason } = erased as Record<string, unknown>;
    if (typeof on === 'string' && typeof reason === 'string') return { commitment, erased: { on, reason } };
  }
  return undefined;
}
