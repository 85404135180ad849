import type { EventStore, RecordedEvent } from '#event-store';
import type { FoldedStreams, LoadedStream, StreamFold } from './handle-command.js';

interface CachedFold {
  fold: StreamFold<unknown, unknown>;
  state: unknown;
  /** The event the state was folded up to: the next load must find it unchanged. */
  last: Pick<RecordedEvent, 'eventId' | 'revision' | 'position' | 'hash'>;
  /** Every command id recorded in the stream: idempotency asks for them, not for the events. */
  commandIds: Set<string>;
  /** Events folded: what the bound counts (a state grows with its stream). */
  events: number;
}

/** Up to this many events' worth of folded streams are kept. */
export const DEFAULT_CACHED_EVENTS = 200_000;

/**
 * The folded state of streams commands were decided on lately, so that the next command on
 * one reads only its stream's end (the event the state ended on and what came after: the
 * previous command's events, most often) instead of all of it.
 *
 * Never trusted on its own: each load reads the stream from the cached revision on, and the
 * first event read must be the very event the state was folded to (same id, position and
 * hash, not emptied by a disposal); the stream's first event is read too, and must not be
 * emptied either. Another process or replica appending, a store restored underneath, or a
 * disposal — which empties a stream from its first event on, batch by batch, and may stop
 * between batches — shows there: the entry is dropped and the stream loaded whole. A stream
 * is cached only once its whole load succeeded, so a fold that refuses a stream (a disposed
 * deal) refuses it every time.
 *
 * Bounded by the events folded, least recently used first out. States are shared between
 * loads, which is safe only for folds whose `evolve` returns a new state and never changes
 * the one given (StreamFold.evolve). A load's command ids are the entry's own set, read by
 * the caller at once.
 */
export class FoldedStreamCache implements FoldedStreams {
  private readonly entries = new Map<string, CachedFold>();
  private events = 0;

  constructor(private readonly maxEvents = DEFAULT_CACHED_EVENTS) {}

  async load<State, Event>(store: EventStore, streamId: string, fold: StreamFold<State, Event>): Promise<LoadedStream<State>> {
    const cached = this.take(streamId, fold);
    if (cached) {
      const [since, [start]] = await Promise.all([
        store.readStream(streamId, { fromRevision: cached.last.revision }),
        store.readStream(streamId, { maxCount: 1 }),
      ]);
      const first = since[0];
      if (first && !first.disposal && !start?.disposal && sameEvent(first, cached.last)) return this.extend(streamId, cached, fold, since.slice(1));
    }
    const events = await store.readStream(streamId);
    return this.extend(streamId, { fold, state: fold.initialState, last: undefined, commandIds: new Set(), events: 0 }, fold, events);
  }

  /** Streams and the events they fold, held now. */
  get size(): { streams: number; events: number } {
    return { streams: this.entries.size, events: this.events };
  }

  /** The entry, taken out (a load puts it back at the recent end); undefined for another fold's. */
  private take<State, Event>(streamId: string, fold: StreamFold<State, Event>): CachedFold | undefined {
    const cached = this.entries.get(streamId);
    if (!cached) return undefined;
    this.entries.delete(streamId);
    this.events -= cached.events;
    return cached.fold === fold ? cached : undefined;
  }

  private extend<State, Event>(
    streamId: string,
    from: Omit<CachedFold, 'last'> & { last: CachedFold['last'] | undefined },
    fold: StreamFold<State, Event>,
    events: RecordedEvent[],
  ): LoadedStream<State> {
    let state = from.state as State;
    // The entry was taken out of the cache: its set is this load's to extend.
    const { commandIds } = from;
    for (const recorded of events) {
      const event = fold.decode(recorded);
      if (event !== undefined) state = fold.evolve(state, event);
      if (recorded.metadata.commandId !== undefined) commandIds.add(recorded.metadata.commandId);
    }
    const last = events.at(-1) ?? from.last;
    if (last === undefined) return { state, revision: 'no_stream', events, commandIds };
    this.remember(streamId, { fold: fold as StreamFold<unknown, unknown>, state, last, commandIds, events: from.events + events.length });
    return { state, revision: last.revision, events, commandIds };
  }

  private remember(streamId: string, entry: CachedFold): void {
    // Two loads of one stream at once each took their own copy: the later one stays.
    const replaced = this.entries.get(streamId);
    if (replaced) this.events -= replaced.events;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    this.events += entry.events;
    for (const [oldest, evicted] of this.entries) {
      if (this.events <= this.maxEvents || oldest === streamId) break;
      this.entries.delete(oldest);
      this.events -= evicted.events;
    }
  }
}

const sameEvent = (event: RecordedEvent, last: CachedFold['last']): boolean =>
  event.eventId === last.eventId && event.position === last.position && event.hash === last.hash;
