import type { EventStore, RecordedEvent } from '#event-store';
import type { LoadedStream, StreamFold } from './handle-command.js';

interface CachedFold {
  fold: StreamFold<unknown, unknown>;
  state: unknown;
  /** The event the state was folded up to: the next load must find it unchanged. */
  last: Pick<RecordedEvent, 'eventId' | 'revision' | 'position' | 'hash'>;
  /** Every command id recorded in the stream: idempotency asks for them, not for the events. */
  commandIds: Set<string>;
}

/** Up to this many recorded commands' worth of folded streams are kept: a deal's state grows with its commands. */
export const DEFAULT_CACHED_COMMANDS = 100_000;

/**
 * The folded state of streams commands were decided on lately, so that the next command on
 * one reads only what was appended since (most often nothing) instead of its whole stream.
 *
 * Never trusted on its own: each load reads the stream from the cached revision on, and the
 * first event read must be the very event the state was folded to (same id, position and
 * hash, not emptied by a disposal). Another process or replica appending, a disposal, or a
 * store restored underneath all show there: the entry is dropped and the stream loaded
 * whole. A stream is cached only once its whole load succeeded, so a fold that refuses a
 * stream (a disposed deal) refuses it every time.
 *
 * Bounded by the commands the cached streams hold, least recently used first out. States
 * are shared between loads, which is safe because folds return new states and never change
 * the one given. A load's command ids are the entry's own set, read by the caller at once.
 */
export class FoldedStreamCache {
  private readonly entries = new Map<string, CachedFold>();
  private commands = 0;

  constructor(private readonly maxCommands = DEFAULT_CACHED_COMMANDS) {}

  async load<State, Event>(store: EventStore, streamId: string, fold: StreamFold<State, Event>): Promise<LoadedStream<State>> {
    const cached = this.take(streamId, fold);
    if (cached) {
      const since = await store.readStream(streamId, { fromRevision: cached.last.revision });
      const first = since[0];
      if (first && !first.disposal && sameEvent(first, cached.last)) return this.extend(streamId, cached, fold, since.slice(1));
    }
    const events = await store.readStream(streamId);
    return this.extend(streamId, { fold, state: fold.initialState, last: undefined, commandIds: new Set() }, fold, events);
  }

  /** Streams and their commands held now. */
  get size(): { streams: number; commands: number } {
    return { streams: this.entries.size, commands: this.commands };
  }

  /** The entry, taken out (a load puts it back at the recent end); undefined for another fold's. */
  private take<State, Event>(streamId: string, fold: StreamFold<State, Event>): CachedFold | undefined {
    const cached = this.entries.get(streamId);
    if (!cached) return undefined;
    this.entries.delete(streamId);
    this.commands -= cached.commandIds.size;
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
    this.remember(streamId, { fold: fold as StreamFold<unknown, unknown>, state, last, commandIds });
    return { state, revision: last.revision, events, commandIds };
  }

  private remember(streamId: string, entry: CachedFold): void {
    // Two loads of one stream at once each took their own copy: the later one stays.
    const replaced = this.entries.get(streamId);
    if (replaced) this.commands -= replaced.commandIds.size;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    this.commands += entry.commandIds.size;
    for (const [oldest, evicted] of this.entries) {
      if (this.commands <= this.maxCommands || oldest === streamId) break;
      this.entries.delete(oldest);
      this.commands -= evicted.commandIds.size;
    }
  }
}

const sameEvent = (event: RecordedEvent, last: CachedFold['last']): boolean =>
  event.eventId === last.eventId && event.position === last.position && event.hash === last.hash;
