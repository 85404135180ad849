import { emptyLegalHoldLedger, evolveLegalHolds, foldLegalHolds, type RecordedHoldEvent } from './legal-hold-events.js';

const placed = (holdId: string, recordedAt: string, actor = 'admin-1'): RecordedHoldEvent => ({
  type: 'LegalHoldPlaced.v1',
  data: { holdId, scope: { kind: 'deal', dealId: 'caremag-2025' }, reason: 'a subpoena (hypothetical)', reference: `REF-${holdId}` },
  recordedAt,
  metadata: { actor },
});
const released = (holdId: string, recordedAt: string, actor = 'admin-2'): RecordedHoldEvent => ({
  type: 'LegalHoldReleased.v1',
  data: { holdId, reason: 'the matter closed' },
  recordedAt,
  metadata: { actor },
});

describe('the fold of the admin-holds stream', () => {
  it('a placed hold is in force, placed when recorded, by the event actor', () => {
    const { inForce, released: gone } = foldLegalHolds([placed('h1', '2026-01-05T09:00:00.000Z')]);
    expect(inForce).toEqual([
      {
        holdId: 'h1',
        scope: { kind: 'deal', dealId: 'caremag-2025' },
        reason: 'a subpoena (hypothetical)',
        reference: 'REF-h1',
        placedAt: '2026-01-05T09:00:00.000Z',
        placedBy: 'admin-1',
      },
    ]);
    expect(gone).toEqual([]);
  });

  it('a released hold leaves the holds in force and joins the history with who released it, when and why', () => {
    const ledger = foldLegalHolds([placed('h1', '2026-01-05T09:00:00.000Z'), placed('h2', '2026-01-06T09:00:00.000Z'), released('h1', '2026-02-01T10:00:00.000Z')]);
    expect(ledger.inForce.map((h) => h.holdId)).toEqual(['h2']);
    expect(ledger.released).toEqual([
      expect.objectContaining({ holdId: 'h1', placedBy: 'admin-1', releasedAt: '2026-02-01T10:00:00.000Z', releasedBy: 'admin-2', releaseReason: 'the matter closed' }),
    ]);
  });

  it('a release of a hold not in force, a second placing of one id and other admin events change nothing', () => {
    const ledger = foldLegalHolds([
      released('nobody', '2026-01-01T00:00:00.000Z'),
      placed('h1', '2026-01-05T09:00:00.000Z'),
      placed('h1', '2026-01-07T09:00:00.000Z', 'intruder'),
      { type: 'ComponentsRetried.v1', data: { components: [], reason: null }, recordedAt: '2026-01-08T00:00:00.000Z', metadata: { actor: 'admin-1' } },
      released('h1', '2026-02-01T10:00:00.000Z'),
      released('h1', '2026-02-02T10:00:00.000Z', 'late'),
    ]);
    expect(ledger.inForce).toEqual([]);
    expect(ledger.released).toHaveLength(1);
    expect(ledger.released[0]).toMatchObject({ placedAt: '2026-01-05T09:00:00.000Z', placedBy: 'admin-1', releasedBy: 'admin-2' });
  });
});

describe('foldLegalHolds and evolveLegalHolds', () => {
  it('fold the same stream to the same holds, event by event and in one pass', () => {
    const events: RecordedHoldEvent[] = [];
    for (let i = 0; i < 60; i++) {
      events.push(placed(`h${i}`, `2026-01-05T09:${String(i).padStart(2, '0')}:00.000Z`));
      if (i % 3 === 0) events.push(released(`h${i / 3}`, `2026-01-06T09:${String(i).padStart(2, '0')}:00.000Z`));
      if (i % 7 === 0) events.push(placed(`h${i / 7}`, '2026-01-07T00:00:00.000Z', 'again'), released(`never-${i}`, '2026-01-07T00:00:00.000Z'));
    }
    const stepwise = events.reduce(evolveLegalHolds, emptyLegalHoldLedger);
    expect(foldLegalHolds(events)).toEqual(stepwise);
    expect(stepwise.released.length).toBeGreaterThan(10);
    expect(stepwise.inForce.length).toBeGreaterThan(30);
  });
});
