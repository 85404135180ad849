import { entryInEffectAt, type TimedEntry } from './valid-time.js';

type Entry = TimedEntry & { id: string };
const entry = (id: string, change: Entry['change'], reportedAt: string, effectiveAt?: string): Entry => ({
  id,
  change,
  reportedAt,
  ...(effectiveAt ? { effectiveAt } : {}),
});

describe('the entry in effect at a moment (valid time)', () => {
  const announced = entry('announced', 'initial', '2025-03-17');
  const revised = entry('revised', 'revision', '2025-09-15', '2025-09-15');

  it('is nothing before the figure applied, then each version from its start', () => {
    expect(entryInEffectAt([announced, revised], '2025-03-16')).toBeUndefined();
    expect(entryInEffectAt([announced, revised], '2025-08-01')?.id).toBe('announced');
    expect(entryInEffectAt([announced, revised], '2025-09-15T00:00:00Z')?.id).toBe('revised');
  });

  it('lets a correction replace the version it corrects, from that version’s start', () => {
    const corrected = entry('corrected', 'correction', '2025-03-17');
    expect(entryInEffectAt([announced, corrected], '2025-04-01')?.id).toBe('corrected');
    const correctedLate = entry('corrected', 'correction', '2026-01-01');
    expect(entryInEffectAt([announced, revised, correctedLate], '2025-10-01')?.id).toBe('corrected');
    expect(entryInEffectAt([announced, revised, correctedLate], '2025-08-01')?.id).toBe('announced');
  });

  it('honours a revision that applies from before it was reported (a back-dated change)', () => {
    const backdated = entry('backdated', 'revision', '2025-10-01', '2025-06-01');
    expect(entryInEffectAt([announced, backdated], '2025-07-01')?.id).toBe('backdated');
  });

  it('is nothing for a retracted figure', () => {
    expect(entryInEffectAt([announced, entry('retracted', 'retraction', '2025-05-01')], '2025-04-01')).toBeUndefined();
  });
});
