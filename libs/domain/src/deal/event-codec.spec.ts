import fc from 'fast-check';
import type { DealEvent } from './deal-events.js';
import { fromStoredEvent, toStoredEvent, upcasters, type Upcasters } from './event-codec.js';
import { HISTORY_AS_REPORTED, LATER, dysprosiumCapacity } from './testing/caremag.js';
import { caught } from './testing/caught.js';

const LATER_EVENTS: DealEvent[] = [
  { type: 'FigureRevised.v1', data: LATER.investmentRevised },
  { type: 'FigureCorrected.v1', data: LATER.dysprosiumCorrected },
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

  it('has no upcasters while every event is at v1', () => {
    expect(Object.keys(upcasters)).toEqual([]);
  });

  it('reads an old version through its upcaster, chained to the current one', () => {
    const chain: Upcasters = {
      'CapacityReported.v0': { to: 'CapacityReported.v0.5', upcast: ({ plant, ...rest }) => ({ ...rest, facility: plant }) },
      'CapacityReported.v0.5': { to: 'CapacityReported.v1', upcast: (data) => ({ ...data, product: data.product ?? 'unknown' }) },
    };
    const { facility, ...rest } = dysprosiumCapacity;
    expect(fromStoredEvent('CapacityReported.v0', { ...rest, plant: facility }, chain)).toEqual({
      type: 'CapacityReported.v1',
      data: dysprosiumCapacity,
    });
    expect(fromStoredEvent('CapacityReported.v1', dysprosiumCapacity, chain)).toEqual({ type: 'CapacityReported.v1', data: dysprosiumCapacity });
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
