import fc from 'fast-check';
import {
  evolveDeal,
  figuresIntroducedBy,
  fromStoredEvent,
  initialDealState,
  type DealCommand,
  type DealEvent,
  type DealState,
  type FigureValue,
} from '#domain';
import { InMemoryEventStore, type RecordedEvent } from '#event-store';
import { AuditReader, DealStateReader, ProjectionRunner, auditProjection, dealStateProjection, openReadModelDatabase } from '#projections';
import { recordCommands } from '#testing';
import { dealAsOf } from './deal-as-of.js';

const DEAL = 'prop-deal';
const source = { publisher: 'Wire', tier: 'primary' as const };
const register: DealCommand = {
  type: 'RegisterDeal',
  dealId: DEAL,
  title: 'A deal',
  parties: [{ partyId: 'p1', name: 'Plant', kind: 'company', roles: ['seller'] }],
  commodities: ['x'],
  source,
  reportedAt: '2025-01-01',
};

const value = (amount: number, qualifier: 'exact' | 'about' | 'undisclosed'): FigureValue =>
  qualifier === 'undisclosed'
    ? { measure: { kind: 'quantity', unit: 't' }, qualifier }
    : { measure: { kind: 'quantity', unit: 't' }, qualifier, amount: String(amount) };

const qualifier = fc.constantFrom<'exact' | 'about' | 'undisclosed'>('exact', 'about', 'undisclosed');
const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('report' as const), amount: fc.nat(1000), qualifier }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constantFrom('revise' as const, 'correct' as const), figure: fc.nat(5), amount: fc.nat(1000), qualifier }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), figure: fc.nat(5) }) },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

function commandOf(s: Step, index: number, reported: string[]): DealCommand | undefined {
  if (s.kind === 'report') {
    const figureId = `f${index}`;
    reported.push(figureId);
    return {
      type: 'ReportCapacity',
      dealId: DEAL,
      facility: 'plant',
      product: 'oxide',
      capacity: { figureId, value: value(s.amount, s.qualifier), source, reportedAt: '2025-01-02' },
    };
  }
  const figureId = reported[s.figure % Math.max(reported.length, 1)];
  if (!figureId) return undefined;
  if (s.kind === 'retract') return { type: 'RetractReport', dealId: DEAL, figureId, reason: 'withdrawn' };
  const base = { dealId: DEAL, figureId, value: value(s.amount, s.qualifier), source, reportedAt: `2025-02-${String((index % 27) + 1).padStart(2, '0')}` };
  return s.kind === 'revise' ? { type: 'ReviseFigure', ...base } : { type: 'CorrectFigure', ...base, reason: 'fix' };
}

function touches(event: DealEvent, figureId: string): boolean {
  return ('figureId' in event.data && event.data.figureId === figureId) || figuresIntroducedBy(event).some((f) => f.report.figureId === figureId);
}

const figuresOf = (state: DealState) =>
  state.registered ? [...state.figures.values()].map((f) => ({ figureId: f.figureId, value: f.value, status: f.status })) : [];

describe('the audit trail, for any sequence of reports, revisions, corrections and retractions', () => {
  it('shows at every position exactly the fold of the events up to it, and lists every event that touched a figure', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        const store = new InMemoryEventStore();
        const db = openReadModelDatabase(':memory:');
        const runner = new ProjectionRunner(store, db, [dealStateProjection, auditProjection]);
        runner.start();
        try {
          await recordCommands(store, [register]);
          const reported: string[] = [];
          for (const [index, s] of steps.entries()) {
            const command = commandOf(s, index, reported);
            // The rules refuse some steps (e.g. revising a retracted figure): those write nothing.
            if (command) await recordCommands(store, [command]).catch(() => undefined);
          }
          await runner.catchUp(5_000);
          const audit = new AuditReader(db);
          const header = new DealStateReader(db).getDeal(DEAL)!;
          const recorded: RecordedEvent[] = [];
          for await (const event of store.readAll()) recorded.push(event);

          let state: DealState = initialDealState;
          for (const event of recorded) {
            state = evolveDeal(state, fromStoredEvent(event.type, event.data)!);
            const asOf = dealAsOf(header, audit.dealEntries(DEAL, event.position), audit.dealNotes(DEAL, event.position), {
              lastEvent: { position: event.position, revision: event.revision, recordedAt: event.recordedAt },
              asOf: { position: event.position },
            });
            expect(asOf.figures.map((f) => ({ figureId: f.figureId, value: f.value, status: f.status }))).toEqual(figuresOf(state));
          }

          const decoded = recorded.map((r) => ({ r, e: fromStoredEvent(r.type, r.data)! }));
          for (const figureId of reported) {
            const touching = decoded.filter(({ e }) => touches(e, figureId)).map(({ r }) => r.eventId);
            expect(audit.figureHistory(DEAL, figureId).map((h) => h.eventId)).toEqual(touching);
          }
        } finally {
          await runner.stop();
          db.close();
        }
      }),
      { numRuns: 80 },
    );
  });
});
