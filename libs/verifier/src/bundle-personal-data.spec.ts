import { EVIDENCE_BUNDLE_FILES as FILES, type BundleEvent } from './bundle-format.js';
import { BundleFailure } from './bundle-problem.js';
import { checkPersonalData, formatPersonalDataFile } from './bundle-personal-data.js';
import { personalDataCommitment, personalDataToken } from './personal-data-commitment.js';

const SALT = '5a'.repeat(32);
const yuka = personalDataCommitment(SALT, 'Yuka Obayashi');
const other = personalDataCommitment('01'.repeat(32), 'a JOGMEC official');
const event = (...attributions: string[]) => ({ data: { figures: attributions.map((attribution) => ({ source: { publisher: 'Reuters', attribution } })) } }) as unknown as BundleEvent;
const files = (text: string) => new Map([[FILES.personalData, Buffer.from(text)]]);
const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof BundleFailure) return error.problem;
    throw error;
  }
  return undefined;
};

describe('personal-data.jsonl in an evidence bundle', () => {
  it('accepts names that give their commitments and erasures, counting each', () => {
    const text = formatPersonalDataFile([
      { commitment: other, erased: { on: '2026-12-04T00:00:00Z', reason: 'GDPR Art. 17' } },
      { commitment: yuka, name: 'Yuka Obayashi', salt: SALT },
    ]);
    expect(checkPersonalData(files(text), [event(personalDataToken(yuka), personalDataToken(other), 'plain words')])).toEqual({ names: 1, erased: 1, unavailable: 0 });
    // Sorted by commitment whatever the order given: the same names give the same bytes.
    expect(text.split('\n')[0]).toContain(other < yuka ? other : yuka);
  });

  it('refuses a name that is not the one the event committed to', () => {
    const text = formatPersonalDataFile([{ commitment: yuka, name: 'Someone Else', salt: SALT }]);
    expect(problemOf(() => checkPersonalData(files(text), [event(personalDataToken(yuka))]))).toMatchObject({ code: 'BUNDLE.PERSONAL_DATA_INVALID', file: FILES.personalData });
  });

  it('refuses a bundle silent about a token its events hold, and a line that is no disclosure', () => {
    const text = formatPersonalDataFile([{ commitment: yuka, name: 'Yuka Obayashi', salt: SALT }]);
    expect(problemOf(() => checkPersonalData(files(text), [event(personalDataToken(other))]))?.message).toContain(other);
    expect(problemOf(() => checkPersonalData(files('{"commitment":"zz"}\n'), []))?.code).toBe('BUNDLE.PERSONAL_DATA_INVALID');
  });

  it('accepts a name the ledger says it no longer holds, counted apart', () => {
    const text = formatPersonalDataFile([{ commitment: yuka, unavailable: true }]);
    expect(checkPersonalData(files(text), [event(personalDataToken(yuka))])).toEqual({ names: 0, erased: 0, unavailable: 1 });
  });

  it('counts the tokens a bundle without the file leaves unexplained, and has nothing to say of one without tokens', () => {
    expect(checkPersonalData(new Map(), [event(personalDataToken(yuka), personalDataToken(other))])).toEqual({ undisclosed: 2 });
    expect(checkPersonalData(new Map(), [event('a JOGMEC official')])).toBeUndefined();
  });
});
