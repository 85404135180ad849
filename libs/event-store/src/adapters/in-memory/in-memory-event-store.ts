import { AppendNotifier } from '../../append-notifier.js';
import { prepareAppend, prepareAppends, type PreparedAppend } from '../../append-preparation.js';
import { CatchUpSubscriptions } from '../../catch-up-subscription.js';
import { hashOfPrepared } from '../../chain/event-hash.js';
import { commitTime, systemClock, type Clock } from '../../commit-time.js';
import { DISPOSAL_STREAM } from '../../disposal/disposal-record.js';
import { checkDisposal, disposedRefOf, EMPTIED, preparedDisposalEvent } from '../../disposal/disposal-write.js';
import { DuplicateEventIdError, StoreUnavailableError } from '../../event-store.errors.js';
import type {
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  PayloadDisposal,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
} from '../../event-store.port.js';
import { assertExpectedRevision } from '../../expected-revision.js';
import { logReadRange, streamReadRange, type LogReadRange } from '../../read-options.js';
import type { StoredEventText } from '../../stored-json.js';
import { matchesFilter } from '../../stream-names.js';

export interface InMemoryEventStoreOptions {
  clock?: Clock;
}

/** Kept as JSON text, like the SQLite adapter, so both hand back exactly the same values. */
type StoredEvent = StoredEventText;

/** For tests and single-process tools: the same semantics as the SQLite adapter, no durability. */
export class InMemoryEventStore implements EventStore {
  /** `log[i]` is at position `i + 1`. */
  private readonly log: StoredEvent[] = [];
  /** `stream[r]` is at revision `r`. */
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly appended = new AppendNotifier();
  // Every writer is in this process: the append signal alone is enough, no polling.
  private readonly subscriptions = new CatchUpSubscriptions({
    readAll: (o) => this.readAll(o),
    headPosition: () => this.log.length,
    listen: (listener) => this.appended.listen(listener),
  });
  private readonly clock: Clock;
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.write([prepareAppend(streamId, events, expectedRevision)])[0]!;
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    return this.write(prepareAppends(appends));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { backwards, fromRevision, maxCount = Number.MAX_SAFE_INTEGER } = streamReadRange(options);
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    if (!backwards) return stream.slice(fromRevision, fromRevision + maxCount).map(decode);
    const last = Math.min(fromRevision, stream.length - 1);
    return stream
      .slice(Math.max(0, last - maxCount + 1), last + 1)
      .reverse()
      .map(decode);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.readLog(logReadRange(options));
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.log.length;
  }

  subscribe(options: SubscribeOptions): EventSubscription {
    this.assertOpen();
    return this.subscriptions.subscribe(options);
  }

  /** Checks every target, then appends the disposal and empties them in the same synchronous step: all or nothing. */
  async disposePayloads(disposal: PayloadDisposal): Promise<AppendResult> {
    checkDisposal(disposal);
    this.assertOpen();
    if (this.eventIds.has(disposal.eventId)) throw new DuplicateEventIdError(disposal.eventId);
    const refs = disposal.targets.map((target) => {
      const stored = this.log[target.position - 1];
      return disposedRefOf(target, stored?.eventId === target.eventId ? stored : undefined);
    });
    const result = this.write([{ streamId: DISPOSAL_STREAM, expectedRevision: 'any', events: [preparedDisposalEvent(disposal, refs)] }])[0]!;
    const mark = { disposalEventId: disposal.eventId, disposalPosition: result.lastPosition, disposedAt: this.log[result.lastPosition - 1]!.recordedAt };
    for (const { position } of refs) {
      // The stream's array holds the same object: one change empties both views.
      Object.assign(this.log[position - 1]!, { data: EMPTIED, metadata: EMPTIED, disposal: mark });
    }
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscriptions.closeAll();
  }

  /** Checks every append before changing anything: a write is all or nothing. */
  private write(appends: PreparedAppend[]): AppendResult[] {
    this.assertOpen();
    // Appends to the same stream in one write apply in order, each seeing the ones before.
    const heads = new Map<string, number | undefined>();
    for (const { streamId, expectedRevision, events } of appends) {
      const current = heads.has(streamId) ? heads.get(streamId) : this.lastRevision(streamId);
      assertExpectedRevision(streamId, expectedRevision, current);
      for (const { eventId } of events) if (this.eventIds.has(eventId)) throw new DuplicateEventIdError(eventId);
      heads.set(streamId, (current ?? -1) + events.length);
    }

    const recordedAt = commitTime(this.clock, this.log.at(-1)?.recordedAt);
    const results = appends.map(({ streamId, events }) => {
      const stream = this.streams.get(streamId) ?? [];
      this.streams.set(streamId, stream);
      const firstRevision = stream.length;
      const firstPosition = this.log.length + 1;
      for (const event of events) {
        const revision = stream.length;
        const stored: StoredEvent = {
          ...event,
          streamId,
          revision,
          position: this.log.length + 1,
          recordedAt,
          hash: hashOfPrepared(event, { streamId, revision, recordedAt, previousHash: stream.at(-1)?.hash }),
        };
        stream.push(stored);
        this.log.push(stored);
        this.eventIds.add(event.eventId);
      }
      return {
        streamId,
        firstRevision,
        nextExpectedRevision: stream.length - 1,
        firstPosition,
        lastPosition: this.log.length,
      };
    });
    this.appended.notify();
    return results;
  }

  private async *readLog({ after, maxCount = Number.MAX_SAFE_INTEGER, filter }: LogReadRange): AsyncGenerator<RecordedEvent> {
    let yielded = 0;
    // Read by index at each step, so events appended while iterating are included.
    for (let index = after; yielded < maxCount; index++) {
      this.assertOpen();
      const stored = this.log[index];
      if (!stored) return;
      if (!matchesFilter(stored, filter)) continue;
      yielded++;
      yield decode(stored);
    }
  }

  private lastRevision(streamId: string): number | undefined {
    const length = this.streams.get(streamId)?.length ?? 0;
    return length === 0 ? undefined : length - 1;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The in-memory event store is closed');
  }
}

function decode(stored: StoredEvent): RecordedEvent {
  return {
    eventId: stored.eventId,
    streamId: stored.streamId,
    revision: stored.revision,
    position: stored.position,
    type: stored.type,
    data: JSON.parse(stored.data),
    metadata: JSON.parse(stored.metadata),
    recordedAt: stored.recordedAt,
    hash: stored.hash,
    ...(stored.disposal ? { disposal: { ...stored.disposal } } : {}),
  };
}
