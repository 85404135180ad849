import { ledgerTracer, traceAppend, type EventStore, type NewEvent, type StreamAppend } from '#event-store';

/** One write to the log, as metrics see it. */
export interface AppendObservation {
  /** Wall time of the whole write, from the call to its answer. */
  seconds: number;
  /** Events written (or meant to be, when it failed). */
  events: number;
  ok: boolean;
}

/**
 * Every write to the log, timed, for whoever listens (`/metrics`), and traced as an `append`
 * span when tracing is on. The store is wrapped once in the runtime, so commands, imports,
 * the access log and the admin stream are all counted, whichever adapter holds the events.
 * Listeners must not throw: they run after each write.
 */
export class AppendObservations {
  private readonly listeners = new Set<(observation: AppendObservation) => void>();

  /** Returns the function that removes the listener. */
  listen(listener: (observation: AppendObservation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The store, its `append` and `appendMany` timed (and traced); every other member is the store’s own. */
  around(store: EventStore): EventStore {
    // The tracer is looked up per write: with tracing off nothing more is built than before.
    const timed =
      <A extends unknown[], R>(write: (...args: A) => Promise<R>, count: (...args: A) => number, traced: (...args: A) => Traced) =>
      (...args: A): Promise<R> => {
        const tracer = ledgerTracer();
        if (tracer === undefined) return this.timedWrite(write, count, args);
        const { streamIds, eventIds } = traced(...args);
        return traceAppend(tracer, streamIds, eventIds, () => this.timedWrite(write, count, args));
      };
    const append = timed(store.append.bind(store), (_stream, events) => events.length, (streamId, events) => ({ streamIds: [streamId], eventIds: idsOf(events) }));
    const appendMany = timed(
      store.appendMany.bind(store),
      (appends) => appends.reduce((sum, a) => sum + a.events.length, 0),
      (appends: StreamAppend[]) => ({ streamIds: [...new Set(appends.map((a) => a.streamId))], eventIds: appends.flatMap((a) => idsOf(a.events)) }),
    );
    // A proxy rather than a subclass: the adapters differ, and their private fields need `this` to be the store itself.
    return new Proxy(store, {
      get(target, property) {
        if (property === 'append') return append;
        if (property === 'appendMany') return appendMany;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  private async timedWrite<A extends unknown[], R>(write: (...args: A) => Promise<R>, count: (...args: A) => number, args: A): Promise<R> {
    const started = process.hrtime.bigint();
    let ok = false;
    try {
      const result = await write(...args);
      ok = true;
      return result;
    } finally {
      this.emit({ seconds: Number(process.hrtime.bigint() - started) / 1e9, events: count(...args), ok });
    }
  }

  private emit(observation: AppendObservation): void {
    for (const listener of this.listeners) listener(observation);
  }
}

interface Traced {
  streamIds: string[];
  eventIds: string[];
}

const idsOf = (events: readonly NewEvent[]) => events.map((event) => event.eventId);
