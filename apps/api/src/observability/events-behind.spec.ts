import { InMemoryEventStore, type NewEvent } from '#event-store';
import { eventsBehind, eventsBehindEach } from './events-behind.js';

const event = (n: number): NewEvent => ({ eventId: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, type: 'NoteRecorded.v1', data: { n }, metadata: { actor: 'test' } }) as unknown as NewEvent;

describe('events behind the head', () => {
  it('is the difference of positions where they count events, and a count of the events read where they do not, up to the limit', async () => {
    const store = new InMemoryEventStore();
    await store.append('deal-a', [event(1), event(2), event(3), event(4), event(5)], 'no_stream');
    const head = await store.headPosition();
    expect(await eventsBehind(store, 1, head, true, 1_000)).toBe(4);
    expect(await eventsBehind(store, 1, head, false, 1_000)).toBe(4);
    expect(await eventsBehind(store, 1, head, false, 2)).toBe(2);
    expect(await eventsBehind(store, head, head, false, 1_000)).toBe(0);
  });

  it('counts for many readers, each position once, up to the limit for each', async () => {
    const store = new InMemoryEventStore();
    await store.append('deal-a', [event(1), event(2), event(3), event(4), event(5)], 'no_stream');
    const head = await store.headPosition();
    expect(await eventsBehindEach(store, [0, 3, head, 3], head, false, 4)).toEqual([4, 2, 0, 2]);
    expect(await eventsBehindEach(store, [0, 3, head], head, true, 4)).toEqual([5, 2, 0]);
  });
});
