import type { FigureHistoryEntry } from '#projections';
import { dealAsOf } from './deal-as-of.js';
import { diffDeal } from './deal-diff.js';
import { figureOf } from './figure-at.js';

const wire = { publisher: 'Wire', tier: 'primary' } as const;
const registry = { publisher: 'Registry', tier: 'primary' } as const;
const eur = (amount: string) => ({ measure: { kind: 'money', currency: 'EUR' }, qualifier: 'exact', amount }) as const;

let position = 0;
/** An entry of the figure `loan` as the audit trail keeps it, recorded one position after the last. */
function entry(change: FigureHistoryEntry['change'], fields: Partial<FigureHistoryEntry>): FigureHistoryEntry {
  position += 1;
  return {
    dealId: 'd',
    figureId: 'loan',
    fact: 'debt.principal',
    context: { form: 'loan', lenders: ['bank'], borrower: 'co' },
    change,
    value: eur('10'),
    display: 'EUR 10',
    changed: [],
    source: wire,
    reportedAt: '2025-01-01',
    recordedAt: `2026-01-0${position}T00:00:00Z`,
    recordedBy: 'analyst',
    eventId: `e${position}`,
    eventType: 'X',
    commandId: `c${position}`,
    revision: position,
    position,
    ...fields,
  };
}

describe('a figure as a run of its history left it', () => {
  it('keeps its value’s report through a retraction that cites another source', () => {
    const initial = entry('initial', {});
    const retraction = entry('retraction', { source: registry, reportedAt: '2025-06-01', reason: 'withdrawn' });
    expect(figureOf([initial, retraction])).toMatchObject({ report: initial, status: 'retracted' });

    const diff = diffDeal('d', [initial, retraction], [], initial.position, retraction.position, (id) => id);
    expect(diff.figures[0]!.changes).toEqual([{ field: 'status', before: 'current', after: 'retracted' }]);
  });

  it('takes the stage a source reported last, and keeps the value, report and status through it', () => {
    const initial = entry('initial', { stage: 'committed' });
    const revision = entry('revision', { value: eur('12'), display: 'EUR 12', stage: 'committed' });
    const signed = entry('stage', { stage: 'signed', source: registry, reportedAt: '2025-05-01' });
    expect(figureOf([initial, revision, signed])).toEqual({ report: revision, status: 'revised', stage: 'signed' });
    expect(figureOf([initial])).toMatchObject({ stage: 'committed', status: 'current' });
  });

  it('shows at a date only the stages reached by then, whenever they were recorded', () => {
    const initial = entry('initial', { reportedAt: '2025-01-01' });
    const signed = entry('stage', { stage: 'signed', source: registry, reportedAt: '2025-06-01', effectiveAt: '2025-06-01' });
    const revision = entry('revision', { value: eur('12'), display: 'EUR 12', reportedAt: '2025-07-01', effectiveAt: '2025-03-01', stage: 'signed' });
    const header = { dealId: 'd', parties: [], figures: [], notes: [] } as never;
    const at = (validAt: string) =>
      dealAsOf(header, [initial, signed, revision], [], { lastEvent: { position: 3, revision: 3, recordedAt: '' }, asOf: { position: 3, validAt } })
        .figures[0]!;
    expect(at('2025-04-01')).toMatchObject({ display: 'EUR 12' });
    expect(at('2025-04-01').stage).toBeUndefined();
    expect(at('2025-07-01')).toMatchObject({ display: 'EUR 12', stage: 'signed' });
  });
});
