import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store.js';
import { prepareAppends } from '../append-preparation.js';
import type {
  AppendResult,
  EventStore,
  EventSubscription,
  ReadAllOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
} from '../event-store.port.js';
import { describeEventStoreContract } from './event-store.contract.js';

/**
 * The contract's branches for sparse positions and in-order appendMany are what the
 * KurrentDB store is held to, and no KurrentDB runs on most machines. So they also run
 * here, against the in-memory store seen through positions with gaps (7n + 3, like log
 * offsets) and an appendMany that writes stream by stream: proof that those branches
 * hold a store with those traits, and fail one without them.
 */
class SparseInOrderStore implements EventStore {
  constructor(private readonly inner = new InMemoryEventStore()) {}

  append: EventStore['append'] = async (streamId, events, expected) => sparseResult(await this.inner.append(streamId, events, expected));

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    // Validate everything first, as the KurrentDB store does, then write one by one.
    await this.inner.appendMany([]);
    prepareAppends(appends);
    const results: AppendResult[] = [];
    for (const { streamId, events, expectedRevision } of appends) results.push(await this.append(streamId, events, expectedRevision));
    return results;
  }

  readStream: EventStore['readStream'] = async (streamId, options) => (await this.inner.readStream(streamId, options)).map(sparseEvent);

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const after = options.after === undefined ? undefined : denseAfter(options.after);
    for await (const event of this.inner.readAll({ ...options, after })) yield sparseEvent(event);
  }

  headPosition: EventStore['headPosition'] = async () => sparse(await this.inner.headPosition());

  subscribe(options: SubscribeOptions): EventSubscription {
    const from = typeof options?.from === 'number' ? denseAfter(options.from) : options?.from;
    const inner = this.inner.subscribe({ ...options, from });
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield sparseEvent(event);
      },
    };
  }

  close: EventStore['close'] = () => this.inner.close();
}

const sparse = (position: number) => (position === 0 ? 0 : position * 7 + 3);
/** The dense position a sparse `after` stands for (the last event at or before it). */
const denseAfter = (position: number) =>
  !Number.isSafeInteger(position) || position < 0 ? position : position < 10 ? 0 : Math.floor((position - 3) / 7);
const sparseEvent = (event: RecordedEvent): RecordedEvent => ({ ...event, position: sparse(event.position) });
const sparseResult = (result: AppendResult): AppendResult => ({
  ...result,
  firstPosition: sparse(result.firstPosition),
  lastPosition: sparse(result.lastPosition),
});

describeEventStoreContract(
  'in-memory with sparse positions and in-order appendMany',
  async () => {
    const store = new SparseInOrderStore();
    return { store, cleanup: () => store.close() };
  },
  { positions: 'sparse', appendMany: 'in-order', eventIds: 'unique-in-store' },
);

// The branches above are only proof if the double really has the traits it declares.
describe('the sparse, in-order store double', () => {
  const event = (n: number) => ({
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'Tested.v1',
    data: { n },
    metadata: { actor: 'a', commandId: `c${n}`, correlationId: 'c', causationId: 'c' },
  });

  it('hands out positions with gaps, and reads after a gap position from the next event', async () => {
    const store = new SparseInOrderStore();
    await store.append('s-1', [event(1), event(2)], 'no_stream');
    const positions = (await store.readStream('s-1')).map((e) => e.position);
    expect(positions).toEqual([10, 17]);
    const afterGap: number[] = [];
    for await (const e of store.readAll({ after: 12 })) afterGap.push(e.position);
    expect(afterGap).toEqual([17]);
    await store.close();
  });

  it('keeps the appends of a refused appendMany that came before the refusal (not atomic)', async () => {
    const store = new SparseInOrderStore();
    await expect(
      store.appendMany([
        { streamId: 'a-1', events: [event(3)], expectedRevision: 'no_stream' },
        { streamId: 'b-1', events: [event(4)], expectedRevision: 5 },
      ]),
    ).rejects.toThrow();
    expect(await store.readStream('a-1')).toHaveLength(1);
    await store.close();
  });
});
