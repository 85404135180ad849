import fc from 'fast-check';
import { isValidId } from '../values/identifiers.js';
import { SUPERSEDED_DEAL_EVENT_TYPES, type DealEvent } from './deal-events.js';
import { fromStoredEvent, toStoredEvent, upcasters, type Upcasters } from './event-codec.js';
import { foldDeal } from './evolve.js';
import { DEAL_ID, HISTORY_AS_REPORTED, LATER, REGISTERED, dysprosiumCapacity, offtake, offtakeSigned, stakeJogmec } from './testing/caremag.js';
import { caught } from './testing/caught.js';
import { given } from './testing/given-when-then.js';

const LATER_EVENTS: DealEvent[] = [
  { type: 'FigureRevised.v2', data: LATER.investmentRevised },
  { type: 'FigureCorrected.v2', data: LATER.dysprosiumCorrected },
  { type: 'ReportRetracted.v1', data: { figureId: 'support-fr', reason: 'withdrawn' } },
];
const ALL = [...HISTORY_AS_REPORTED, ...LATER_EVENTS];

describe('event codec', () => {
  it('stores the wire name and a JSON object, and reads back the same event', () => {
    for (const event of ALL) {
      const stored = toStoredEvent(event);
      expect(stored.type).toBe(event.type);
      const overTheWire = JSON.parse(JSON.stringify(stored)) as { type: string; data: unknown };
      expect(fromStoredEvent(overTheWire.type, overTheWire.data)).toEqual(event);
    }
  });

  it('covers every deal event type', () => {
    expect(new Set(ALL.map((event) => event.type)).size).toBe(11);
  });

  it('stores a copy without undefined members', () => {
    const event = { type: 'NoteRecorded.v1', data: { noteId: 'n', text: 't', source: { publisher: 'P', tier: 'primary', title: undefined }, reportedAt: '2025-03-17' } } as DealEvent;
    const stored = toStoredEvent(event);
    expect(stored.data).toEqual({ noteId: 'n', text: 't', source: { publisher: 'P', tier: 'primary' }, reportedAt: '2025-03-17' });
    expect(Object.keys(stored.data.source as object)).not.toContain('title');
    expect(stored.data).not.toBe(event.data);
  });

  it.each(['$metadata', 'ProjectionCheckpoint.v1', 'DealRegistered', 'dealregistered.v1', 'constructor', '__proto__', 'toString'])(
    'reads %j as no deal event',
    (type) => {
      expect(fromStoredEvent(type, {})).toBeUndefined();
    },
  );

  it.each([null, [], 'text', 42])('refuses a deal event whose data is %j', (data) => {
    expect(caught(() => fromStoredEvent('CapacityReported.v1', data))).toMatchObject({ code: 'EVENT.MALFORMED', field: 'data' });
  });

  it('has one upcaster per superseded version, each ending at the current type it names', () => {
    expect(Object.keys(upcasters).sort()).toEqual(Object.keys(SUPERSEDED_DEAL_EVENT_TYPES).sort());
    for (const [type, current] of Object.entries(SUPERSEDED_DEAL_EVENT_TYPES)) {
      expect(fromStoredEvent(type, { share: offtake.share })?.type).toBe(current);
    }
  });

  describe('the versions before the real-deals model', () => {
    it.each([
      ['DealRegistered.v1', REGISTERED],
      ['InvestmentAnnounced.v1', HISTORY_AS_REPORTED.find((event) => event.type === 'InvestmentAnnounced.v2')!],
      ['CapacityReported.v1', { type: 'CapacityReported.v2', data: dysprosiumCapacity }],
      ['FigureRevised.v1', LATER_EVENTS[0]!],
      ['FigureCorrected.v1', LATER_EVENTS[1]!],
      ['OfftakeSigned.v2', { type: 'OfftakeSigned.v3', data: offtakeSigned }],
    ] as const)('reads a stored %s as the version after, as it stands', (storedType, current) => {
      expect(fromStoredEvent(storedType, JSON.parse(JSON.stringify(current.data)))).toEqual(current);
    });

    it('reads a stored StakeDisclosed.v1 as a stake on an unspecified basis, held now', () => {
      const { basis: _basis, conditional: _conditional, ...storedV1 } = stakeJogmec;
      expect(fromStoredEvent('StakeDisclosed.v1', storedV1)).toEqual({ type: 'StakeDisclosed.v2', data: stakeJogmec });
    });
  });

  describe('OfftakeSigned.v1, whose term was a plain string', () => {
    it('is read as OfftakeSigned.v3 with the term as a text figure reported with the share', () => {
      expect(fromStoredEvent('OfftakeSigned.v1', JSON.parse(JSON.stringify(offtake)))).toEqual({ type: 'OfftakeSigned.v3', data: offtakeSigned });
    });

    it('reads the same as the v3 the decider writes today, so readers cannot tell them apart', () => {
      const decided = given(REGISTERED).when({ type: 'SignOfftake', dealId: DEAL_ID, ...offtake }).thenEvents();
      expect(fromStoredEvent('OfftakeSigned.v1', JSON.parse(JSON.stringify(offtake)))).toEqual(decided[0]);
    });

    it('without a term stays without one', () => {
      const { term: _term, ...withoutTerm } = offtake;
      expect(fromStoredEvent('OfftakeSigned.v1', withoutTerm)).toEqual({ type: 'OfftakeSigned.v3', data: withoutTerm });
    });

    it('derives the term id from the share id, within the 100 characters of an id', () => {
      const longShare = { ...offtake.share, figureId: 'x'.repeat(100) };
      const event = fromStoredEvent('OfftakeSigned.v1', { ...offtake, share: longShare }) as { data: { term: { figureId: string } } };
      expect(event.data.term.figureId).toBe(`${'x'.repeat(95)}.term`);
      expect(isValidId(event.data.term.figureId)).toBe(true);
    });

    it('keeps the stored data untouched', () => {
      const stored = JSON.parse(JSON.stringify(offtake));
      fromStoredEvent('OfftakeSigned.v1', stored);
      expect(stored).toEqual(offtake);
    });

    it('refuses a stored term that is not text', () => {
      expect(caught(() => fromStoredEvent('OfftakeSigned.v1', { ...offtake, term: 10 }))).toMatchObject({ code: 'EVENT.MALFORMED', field: 'term' });
    });

    it('folds into the same decision state as the v3 it reads as', () => {
      const asStored = [REGISTERED, fromStoredEvent('OfftakeSigned.v1', JSON.parse(JSON.stringify(offtake)))!];
      const state = foldDeal(asStored);
      expect(state.registered && state.figures.get('offtake-share.term')).toMatchObject({ fact: 'offtake.term', measureKind: 'text', status: 'current' });
    });
  });

  it('reads an old version through its upcaster, chained to the current one', () => {
    const chain: Upcasters = {
      'CapacityReported.v0': { to: 'CapacityReported.v0.5', upcast: ({ plant, ...rest }) => ({ ...rest, facility: plant }) },
      'CapacityReported.v0.5': { to: 'CapacityReported.v2', upcast: (data) => ({ ...data, product: data.product ?? 'unknown' }) },
    };
    const { facility, ...rest } = dysprosiumCapacity;
    expect(fromStoredEvent('CapacityReported.v0', { ...rest, plant: facility }, chain)).toEqual({
      type: 'CapacityReported.v2',
      data: dysprosiumCapacity,
    });
    expect(fromStoredEvent('CapacityReported.v2', dysprosiumCapacity, chain)).toEqual({ type: 'CapacityReported.v2', data: dysprosiumCapacity });
  });

  it('fails instead of spinning on an upcaster cycle', () => {
    const cycle: Upcasters = {
      'A.v1': { to: 'A.v2', upcast: (data) => data },
      'A.v2': { to: 'A.v1', upcast: (data) => data },
    };
    expect(caught(() => fromStoredEvent('A.v1', {}, cycle))).toMatchObject({ code: 'EVENT.MALFORMED' });
  });

  it('property: any JSON object under a deal event type round-trips unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL.map((event) => event.type)), fc.dictionary(fc.string(), fc.jsonValue()), (type, data) => {
        const event = fromStoredEvent(type, data);
        expect(event).toEqual({ type, data });
        expect(toStoredEvent(event as DealEvent).data).toEqual(JSON.parse(JSON.stringify(data)));
      }),
    );
  });
});
