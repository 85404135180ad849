import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '#event-store';
import { idempotencyKeyReused } from '../application.errors.js';
import { eventsOfEarlierRun, type CommandIdempotency } from './idempotency.js';

/** How a stream's recorded events fold into the state its commands are decided on. */
export interface StreamFold<State, Event> {
  initialState: State;
  /** The event a recorded one stands for; undefined for one the fold ignores. */
  decode(recorded: RecordedEvent): Event | undefined;
  /** A new state: the one given is left untouched (a FoldedStreamCache shares states between loads). */
  evolve(state: State, event: Event): State;
  /** A stream whose commands decide on nothing but its revision: only its last event is read. */
  revisionOnly?: true;
}

/** Loads a stream keeping its folded state between commands (FoldedStreamCache). */
export interface FoldedStreams {
  load<State, Event>(store: EventStore, streamId: string, fold: StreamFold<State, Event>): Promise<LoadedStream<State>>;
}

export interface LoadedStream<State> {
  state: State;
  /** The stream's last revision, or 'no_stream' when nothing was recorded yet. */
  revision: number | 'no_stream';
  /** The events this load read: the whole stream, or, from a FoldedStreamCache, those since its cached state. */
  events: RecordedEvent[];
  /** Set by a FoldedStreamCache load, whose `events` may be only the stream's end: the command ids recorded in all of it. */
  commandIds?: ReadonlySet<string>;
}

/** One command on one stream: the pure decision, and how its events are written. */
export interface StreamCommand<State, Event> {
  streamId: string;
  fold: StreamFold<State, Event>;
  decide(state: State): Event[];
  /** The decided events as the store writes them, with their ids and metadata; `loaded`: the stream they follow. */
  encode(events: Event[], loaded?: LoadedStream<State>): NewEvent[];
}

export interface HandleOptions {
  /** From `If-Match`: decide and append only at this revision; otherwise `stale(actual)` is thrown. */
  expectedRevision?: { revision: number; stale(actual: number | 'no_stream'): Error };
  /** Same command id, same answer: an earlier run's events are returned and nothing is written. */
  idempotency?: CommandIdempotency;
  /** Attempts in all when another writer appended first (default 1). */
  maxAttempts?: number;
  /** What a conflict that outlasts the attempts becomes; by default the store's own error. */
  exhausted?(attempts: number): Error;
  /** Decide and encode as a real call would, then stop before the append: nothing is written (issue 15). */
  dryRun?: boolean;
  /** Where the stream's folded state is kept between commands: then only what was appended since is read. */
  cache?: FoldedStreams | undefined;
}

export interface Appended<State, Event> {
  replayed: false;
  /** The stream as the command was decided on. */
  loaded: LoadedStream<State>;
  decided: Event[];
  written: NewEvent[];
  appended: AppendResult;
}

/** A dry run's outcome: what the command would append, on the stream as it was read. */
export interface DecidedOnly<State, Event> {
  replayed: false;
  dryRun: true;
  loaded: LoadedStream<State>;
  decided: Event[];
  written: NewEvent[];
}

export type Replayed = { replayed: true; earlier: RecordedEvent[] };

export type Handled<State, Event> = Appended<State, Event> | Replayed;

export async function loadStream<State, Event>(store: EventStore, streamId: string, fold: StreamFold<State, Event>): Promise<LoadedStream<State>> {
  const events = await store.readStream(streamId, fold.revisionOnly ? { direction: 'backwards', maxCount: 1 } : undefined);
  return folded(events, fold);
}

/**
 * Many whole streams, each as `loadStream` would load it: in one read where the store
 * offers it (bulk import loads every stream of a batch), else stream by stream.
 */
export async function loadStreams<State, Event>(
  store: EventStore,
  streamIds: readonly string[],
  fold: StreamFold<State, Event>,
): Promise<Map<string, LoadedStream<State>>> {
  if (!store.readStreams) {
    const loaded = new Map<string, LoadedStream<State>>();
    for (const id of streamIds) loaded.set(id, await loadStream(store, id, fold));
    return loaded;
  }
  const streams = await store.readStreams(streamIds);
  return new Map([...streams].map(([id, events]) => [id, folded(events, fold)]));
}

function folded<State, Event>(events: RecordedEvent[], fold: StreamFold<State, Event>): LoadedStream<State> {
  let state = fold.initialState;
  for (const recorded of events) {
    const event = fold.decode(recorded);
    if (event !== undefined) state = fold.evolve(state, event);
  }
  const last = events.at(-1);
  return { state, revision: last ? last.revision : 'no_stream', events };
}

const EXISTENCE_ONLY: StreamFold<null, never> = { initialState: null, decode: () => undefined, evolve: (state) => state, revisionOnly: true };

/** Whether a stream holds anything (a deal or party stream begins with its registration): one event read. */
export async function streamExists(store: EventStore, streamId: string): Promise<boolean> {
  return (await loadStream(store, streamId, EXISTENCE_ONLY)).revision !== 'no_stream';
}

/**
 * The one command path of every stream: load → fold → decide → append at the revision
 * read (or the caller's `If-Match`). A conflict means the rules were checked on a state
 * that is gone, so the command is decided again on the fresh one, up to `maxAttempts`.
 */
export async function handleCommand<S, E>(store: EventStore, command: StreamCommand<S, E>, options: HandleOptions & { dryRun: true }): Promise<DecidedOnly<S, E> | Replayed>;
export async function handleCommand<S, E>(store: EventStore, command: StreamCommand<S, E>, options: HandleOptions & Required<Pick<HandleOptions, 'idempotency'>> & { dryRun?: false }): Promise<Handled<S, E>>;
export async function handleCommand<S, E>(store: EventStore, command: StreamCommand<S, E>, options?: HandleOptions & { dryRun?: false }): Promise<Appended<S, E>>;
export async function handleCommand<S, E>(store: EventStore, command: StreamCommand<S, E>, options: HandleOptions = {}): Promise<Handled<S, E> | DecidedOnly<S, E>> {
  const { expectedRevision, idempotency, maxAttempts = 1 } = options;
  let sawDuplicateEventId = false;
  for (let attempt = 1; ; attempt++) {
    const { streamId, fold } = command;
    const loaded = await (options.cache ? options.cache.load(store, streamId, fold) : loadStream(store, streamId, fold));
    const earlier = idempotency && (await earlierRunOf(store, streamId, loaded, idempotency));
    if (earlier) return { replayed: true, earlier };
    // The event ids are stored, but not in this stream: the command id was used on another one.
    if (sawDuplicateEventId) throw idempotencyKeyReused(idempotency!.commandId);
    if (expectedRevision && expectedRevision.revision !== loaded.revision) throw expectedRevision.stale(loaded.revision);

    const decided = command.decide(loaded.state);
    const written = command.encode(decided, loaded);
    // Past every check a real call makes, before anything is written: no append, so no
    // projection, log tree or checkpoint sees it, and the command id stays free.
    if (options.dryRun) return { replayed: false, dryRun: true, loaded, decided, written };
    try {
      const appended = await store.append(command.streamId, written, expectedRevision?.revision ?? loaded.revision);
      return { replayed: false, loaded, decided, written, appended };
    } catch (error) {
      if (error instanceof DuplicateEventIdError && idempotency) sawDuplicateEventId = true;
      else if (!(error instanceof WrongExpectedRevisionError)) throw error;
      else if (attempt >= maxAttempts) throw options.exhausted?.(attempt) ?? error;
      else await backoff(attempt);
    }
  }
}

/**
 * The events an earlier run of the command wrote, looked for in the events loaded; after a
 * cached load, which read only the stream's end, the whole stream is read when — and only
 * when — the command id is among those recorded (a retry: rare).
 */
async function earlierRunOf(store: EventStore, streamId: string, loaded: LoadedStream<unknown>, idempotency: CommandIdempotency) {
  if (!loaded.commandIds) return eventsOfEarlierRun(loaded.events, idempotency);
  if (!loaded.commandIds.has(idempotency.commandId)) return undefined;
  return eventsOfEarlierRun(await store.readStream(streamId), idempotency);
}

/** A few milliseconds, growing and jittered, so that writers in a race do not collide again in step. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 50)));
