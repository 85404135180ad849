import { holdsCovering, underLegalHold, type LegalHold, type LegalHoldScope } from './legal-hold.js';

const hold = (holdId: string, scope: LegalHoldScope): LegalHold => ({
  holdId,
  scope,
  reason: 'litigation (hypothetical)',
  reference: `CASE-${holdId}`,
  placedAt: '2026-01-05T09:00:00.000Z',
  placedBy: 'admin-1',
});

describe('holdsCovering: which holds in force cover a record', () => {
  const onDeal = hold('h-deal', { kind: 'deal', dealId: 'caremag-2025' });
  const onParty = hold('h-party', { kind: 'party', partyId: 'jogmec' });
  const onRange = hold('h-range', { kind: 'recorded', from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' });
  const all = [onDeal, onParty, onRange];
  const ids = (record: Parameters<typeof holdsCovering>[1]) => holdsCovering(all, record).map((h) => h.holdId);

  it('a deal hold covers the records of that deal only', () => {
    expect(ids({ dealId: 'caremag-2025', partyIds: [], recordedAt: '2026-01-01T00:00:00Z' })).toEqual(['h-deal']);
    expect(ids({ dealId: 'caremag-2025-b', partyIds: [], recordedAt: '2026-01-01T00:00:00Z' })).toEqual([]);
    expect(ids({ partyIds: [], recordedAt: '2026-01-01T00:00:00Z' })).toEqual([]);
  });

  it('a party hold covers every record that involves the party, with or without a deal', () => {
    expect(ids({ dealId: 'other-deal', partyIds: ['iwatani', 'jogmec'], recordedAt: '2026-01-01T00:00:00Z' })).toEqual(['h-party']);
    expect(ids({ partyIds: ['jogmec'], recordedAt: '2026-01-01T00:00:00Z' })).toEqual(['h-party']);
    expect(ids({ dealId: 'other-deal', partyIds: ['jogmec-japan'], recordedAt: '2026-01-01T00:00:00Z' })).toEqual([]);
  });

  it('a recorded-range hold covers from its first instant (inclusive) to its last (exclusive), whatever the zone spelled', () => {
    const at = (recordedAt: string) => ids({ partyIds: [], recordedAt });
    expect(at('2025-03-01T00:00:00.000Z')).toEqual(['h-range']);
    expect(at('2025-03-01T09:00:00+09:00')).toEqual(['h-range']);
    expect(at('2025-02-28T23:59:59.999Z')).toEqual([]);
    expect(at('2025-03-31T23:59:59.999Z')).toEqual(['h-range']);
    expect(at('2025-04-01T00:00:00.000Z')).toEqual([]);
    expect(at('2025-03-31T20:00:00-04:00')).toEqual([]);
  });

  it('a record under several holds is covered by each, in the order given', () => {
    expect(ids({ dealId: 'caremag-2025', partyIds: ['jogmec'], recordedAt: '2025-03-15T00:00:00Z' })).toEqual(['h-deal', 'h-party', 'h-range']);
  });

  it('underLegalHold refuses with 409 RECORDS.UNDER_LEGAL_HOLD, naming the first hold, its reference and reason', () => {
    const error = underLegalHold('Erasing subject s-1', [onParty, onDeal]);
    expect(error).toMatchObject({ code: 'RECORDS.UNDER_LEGAL_HOLD', kind: 'conflict' });
    expect(error.message).toContain('h-party (CASE-h-party: litigation (hypothetical))');
    expect(error.details.holds).toEqual([
      { holdId: 'h-party', reference: 'CASE-h-party', reason: 'litigation (hypothetical)', scope: onParty.scope },
      { holdId: 'h-deal', reference: 'CASE-h-deal', reason: 'litigation (hypothetical)', scope: onDeal.scope },
    ]);
  });
});
