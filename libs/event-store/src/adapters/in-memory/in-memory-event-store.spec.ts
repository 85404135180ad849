import { newEvents } from '../../testing/contract-fixtures.js';
import { describeEventStoreContract } from '../../testing/event-store.contract.js';
import { InMemoryEventStore } from './in-memory-event-store.js';

describeEventStoreContract('in-memory', async () => {
  const store = new InMemoryEventStore();
  return { store, cleanup: () => store.close() };
});

describe('InMemoryEventStore', () => {
  it('takes recordedAt from the injected clock, never earlier than the previous commit', async () => {
    const times = ['2025-03-01T09:00:00.000Z', '2025-03-01T10:30:00.000Z', '2025-03-01T10:00:00.000Z'];
    let call = 0;
    const store = new InMemoryEventStore({ clock: () => new Date(times[call++]!) });
    await store.append('deal-1', newEvents(2), 'no_stream');
    await store.append('deal-1', newEvents(1), 1);
    await store.append('deal-1', newEvents(1), 2); // the clock stepped back
    const recorded = (await store.readStream('deal-1')).map((e) => e.recordedAt);
    expect(recorded).toEqual([times[0], times[0], times[1], times[1]]);
    await store.close();
  });
});
