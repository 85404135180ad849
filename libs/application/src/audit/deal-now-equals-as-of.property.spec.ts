import fc from 'fast-check';
import type { FigureChangeKind } from '#domain';
import { InMemoryEventStore } from '#event-store';
import { AuditReader, DealStateReader, ProjectionRunner, auditProjection, dealStateProjection, openReadModelDatabase, type DealView } from '#projections';
import { ControlledClock, recordCommands } from '#testing';
import { ARBITRARY_DEAL_ID, ARBITRARY_OTHER_DEAL_ID, registration, step } from '../../../domain/src/deal/testing/arbitrary-commands.js';
import { recordArbitraryStep } from '../testing/record-arbitrary-step.js';
import { GetDealQuery, GetDealHandler } from '../queries/get-deal.query.js';
import { defaultApplicationOptions } from '../tokens.js';
import { GetDealAsOfHandler, GetDealAsOfQuery, RecordPoints } from './audit-queries.js';

/**
 * Issue 13, item 7a: the deal now (served from the deal-state read model) and the deal as
 * on record at the head of the log (computed from the audit trail) are one answer. For any
 * history of commands (every event type, optional members present or not, undisclosed
 * values disclosed, retractions citing a source of their own or none), both answers are
 * the same, byte for byte, but for the as-of answer's `asOf`.
 */
describe('the deal now and the deal as on record at the head', () => {
  it('are the same answer, figure by figure, for any history of commands', async () => {
    const changesSeen = new Set<FigureChangeKind>();
    let linkedAndJoined = false;
    await fc.assert(
      fc.asyncProperty(registration, fc.array(fc.tuple(step, fc.nat(1)), { minLength: 1, maxLength: 30 }), async (register, steps) => {
        const clock = new ControlledClock('2025-03-17T09:00:00.000Z');
        const store = new InMemoryEventStore({ clock: clock.now });
        const db = openReadModelDatabase(':memory:');
        const runner = new ProjectionRunner(store, db, [dealStateProjection, auditProjection]);
        runner.start();
        try {
          // The deal the generated links point at, registered first so that they can be recorded; it links
          // back (a link this deal's stream does not hold), before a note that this deal's own record is later than.
          const reported = { source: { publisher: 'Registry (hypothetical)', tier: 'primary' as const }, reportedAt: '2025-03-17' };
          await recordCommands(store, [
            { ...register, dealId: ARBITRARY_OTHER_DEAL_ID } as typeof register,
            register,
            { type: 'LinkDeal', dealId: ARBITRARY_OTHER_DEAL_ID, linkId: 'back', relation: 'related', targetDealId: ARBITRARY_DEAL_ID, ...reported },
            { type: 'RecordNote', dealId: ARBITRARY_DEAL_ID, noteId: 'after-the-link', text: 'recorded after the link', ...reported },
          ]);
          for (const [next, pause] of steps) {
            // Some commits share a millisecond, some do not: notes are ordered by time, then id.
            clock.advance(pause);
            await recordArbitraryStep(store, next);
          }
          expect(await runner.catchUp(10_000)).toBe(true);

          const deals = new DealStateReader(db);
          const audit = new AuditReader(db);
          const points = new RecordPoints(store, audit, runner, () => new Date(clock.now().getTime() + 1), defaultApplicationOptions);
          const now = await new GetDealHandler(deals).execute(new GetDealQuery(ARBITRARY_DEAL_ID));
          const asOf = new GetDealAsOfHandler(audit, deals, points);
          const atHead = await asOf.execute(new GetDealAsOfQuery(ARBITRARY_DEAL_ID, { position: await store.headPosition() }, undefined));
          const atLastEvent = await asOf.execute(new GetDealAsOfQuery(ARBITRARY_DEAL_ID, { position: now.position }, undefined));
          expect(now.linkedFrom.map((link) => link.relation)).toEqual(['related']);

          expect(atHead.figures.map((f) => f.figureId)).toEqual(now.figures.map((f) => f.figureId));
          for (const [i, figure] of now.figures.entries()) {
            expect(JSON.stringify(atHead.figures[i])).toBe(JSON.stringify(figure));
            changesSeen.add(figure.change);
          }
          linkedAndJoined ||= now.links.length > 0 && now.parties.length > (register as { parties: unknown[] }).parties.length;
          for (const answer of [atHead, atLastEvent]) {
            const { asOf: _moment, ...deal } = answer;
            expect(JSON.stringify(deal)).toBe(JSON.stringify(now));
          }

          // A link another deal makes later is on record from then on, whatever this deal's own last event:
          // in effect at a date alone (the head's record) it is there, as of this deal's last event it is not.
          await recordCommands(store, [{ type: 'LinkDeal', dealId: ARBITRARY_OTHER_DEAL_ID, linkId: 'later', relation: 'amends', targetDealId: ARBITRARY_DEAL_ID, ...reported }]);
          expect(await runner.catchUp(10_000)).toBe(true);
          const relationsOf = ({ parties, links, linkedFrom }: DealView) => ({ parties, links, linkedFrom });
          const later = await new GetDealHandler(deals).execute(new GetDealQuery(ARBITRARY_DEAL_ID));
          expect(later.linkedFrom.map((link) => link.relation)).toEqual(['related', 'amends']);
          expect(relationsOf(await asOf.execute(new GetDealAsOfQuery(ARBITRARY_DEAL_ID, undefined, '2030-01-01')))).toEqual(relationsOf(later));
          expect(relationsOf(await asOf.execute(new GetDealAsOfQuery(ARBITRARY_DEAL_ID, { position: now.position }, undefined)))).toEqual(relationsOf(now));
        } finally {
          await runner.stop();
          db.close();
        }
      }),
      // Enough runs that a history ending in each kind of change (a disclosure is the rarest, now that
      // instruments and stages are among the steps) is all but certain: about 7 s.
      { numRuns: 300 },
    );
    // The property only means something if the histories reach every kind of change.
    expect([...changesSeen].sort()).toEqual(['correction', 'disclosure', 'initial', 'retraction', 'revision', 'stage']);
    expect(linkedAndJoined).toBe(true);
  });
});
