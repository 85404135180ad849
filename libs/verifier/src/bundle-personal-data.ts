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
  | { commitment: string; erased: { on: string; reason: string } };

/** One JSON object per line, sorted by commitment: the same names always give the same bytes. */
export function formatPersonalDataFile(disclosures: readonly PersonalDataDisclosure[]): string {
  return [...disclosures]
    .sort((a, b) => (a.commitment < b.commitment ? -1 : a.commitment > b.commitment ? 1 : 0))
    .map((disclosure) => `${JSON.stringify(disclosure)}\n`)
    .join('');
}

/** Every commitment the events hold as a token, in any string of their data. */
export function commitmentsIn(events: readonly Pick<BundleEvent, 'data'>[]): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const commitment = commitmentOfToken(value);
      if (commitment !== undefined) found.add(commitment);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  events.forEach((event) => visit(event.data));
  return found;
}

/**
 * Checks personal-data.jsonl against the events: each disclosed name must be the one its
 * commitment binds (else the bundle attributes words to someone the event did not name), and
 * every token of the events must be disclosed or marked erased. Without the file, nothing to check.
 */
export function checkPersonalData(files: ReadonlyMap<string, Buffer>, events: readonly BundleEvent[]): { names: number; erased: number } | undefined {
  const file = FILES.personalData;
  const bytes = files.get(file);
  if (!bytes) return undefined;
  const text = decodeUtf8(bytes) ?? fail('BUNDLE.PERSONAL_DATA_INVALID', `${file} is not UTF-8`, { file });
  const disclosed = new Map<string, PersonalDataDisclosure>();
  for (const [i, line] of text.split('\n').filter((l) => l !== '').entries()) {
    const disclosure = parseDisclosure(line) ?? fail('BUNDLE.PERSONAL_DATA_INVALID', `${file} line ${i + 1} is not a disclosure`, { file });
    if ('name' in disclosure && personalDataCommitment(disclosure.salt, disclosure.name) !== disclosure.commitment) {
      fail('BUNDLE.PERSONAL_DATA_INVALID', `${file} line ${i + 1}: the name and salt given do not give commitment ${disclosure.commitment}`, { file });
    }
    disclosed.set(disclosure.commitment, disclosure);
  }
  for (const commitment of commitmentsIn(events)) {
    if (!disclosed.has(commitment)) fail('BUNDLE.PERSONAL_DATA_INVALID', `${file} says nothing of the name committed to by ${commitment}`, { file });
  }
  const names = [...disclosed.values()].filter((d) => 'name' in d).length;
  return { names, erased: disclosed.size - names };
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
  if (erased !== null && typeof erased === 'object') {
    const { on, reason } = erased as Record<string, unknown>;
    if (typeof on === 'string' && typeof reason === 'string') return { commitment, erased: { on, reason } };
  }
  return undefined;
}
