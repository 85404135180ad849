import type { AllStreamResolvedEvent, EventData, Filter, Position, ReadPosition } from '@kurrent/kurrentdb-client';

/** One record of the double's transaction log: an event as the server keeps it. */
export interface LogRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  /** The bytes as sent: JSON text, so what is read back is a fresh parse, never the caller's object. */
  data: string;
  metadata: string | undefined;
  position: bigint;
  created: Date;
}

/** Bytes a log record takes besides its payload (the server's record header, ids, lengths). */
const RECORD_OVERHEAD = 120;

/**
 * The `$all` stream of the KurrentDB client double: every event of every stream, system ones
 * included, in one order. Each rule the server keeps is noted where the double keeps it.
 */
export class DoubleLog {
  readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  /** The byte offset where the next record goes. */
  private writer: bigint;

  constructor(firstOffset: bigint) {
    this.writer = firstOffset;
  }

  stream(streamId: string): readonly LogRecord[] | undefined {
    return this.streams.get(streamId);
  }

  /** Appends events to a stream, each at the log offset after the one before. */
  write(streamId: string, events: readonly EventData[], now: Date): LogRecord[] {
    const stream = this.streams.get(streamId) ?? [];
    const written = events.map((event, i) => {
      const data = event.contentType === 'application/json' ? JSON.stringify(event.data) : Buffer.from(event.data as Uint8Array).toString('base64');
      const metadata = event.metadata === undefined ? undefined : JSON.stringify(event.metadata);
      const record: LogRecord = {
        streamId,
        // The server keeps event ids as UUIDs and answers them in lower case.
        id: event.id.toLowerCase(),
        revision: BigInt(stream.length + i),
        type: event.type,
        isJson: event.contentType === 'application/json',
        data,
        metadata,
        position: this.writer,
        created: now,
      };
      // A position is the record's byte offset in the log: increasing, with gaps the size of each record.
      this.writer += BigInt(RECORD_OVERHEAD + streamId.length + event.type.length + data.length + (metadata?.length ?? 0));
      return record;
    });
    stream.push(...written);
    this.streams.set(streamId, stream);
    this.records.push(...written);
    return written;
  }

  /** The index of the first record a forward read from `from` returns (a read of $all includes the event at its position). */
  forwardIndex(from: ReadPosition): number | 'invalid' {
    if (from === 'start') return 0;
    if (from === 'end') return this.records.length;
    const at = this.indexAt(from);
    return at === undefined ? 'invalid' : at;
  }

  /** The index of the first record a backward read from `from` returns (the one before the position). */
  backwardIndex(from: ReadPosition): number | 'invalid' {
    if (from === 'end') return this.records.length - 1;
    if (from === 'start') return -1;
    const at = this.indexAt(from);
    return at === undefined ? 'invalid' : at - 1;
  }

  /**
   * Where a position is: only where an event is, or the log's end (KurrentDB refuses a
   * read or subscription of $all from any other offset, kurrent-io/KurrentDB#4128).
   */
  private indexAt(position: Position): number | undefined {
    if (position.commit !== position.prepare) return undefined;
    if (position.commit === this.writer) return this.records.length;
    let low = 0;
    let high = this.records.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const p = this.records[mid]!.position;
      if (p === position.commit) return mid;
      if (p < position.commit) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }
}

/**
 * Whether the server-side filter keeps a record: a regular expression (or prefixes) on the
 * stream name or the event type. The server's are .NET regular expressions; the ones the
 * adapter builds (anchors, groups, alternation, escapes, [^$]) mean the same in JavaScript.
 */
export function filterKeeps(filter: Filter | undefined, record: LogRecord): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
  if ('regex' in filter) return new RegExp(filter.regex).test(subject);
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
}

/** A record as the client hands it out: data and metadata parsed from the stored bytes. */
export function resolved(record: LogRecord): AllStreamResolvedEvent {
  const isJson = record.isJson;
  return {
    event: {
      streamId: record.streamId,
      id: record.id,
      revision: record.revision,
      type: record.type,
      data: isJson ? JSON.parse(record.data) : Buffer.from(record.data, 'base64'),
      metadata: record.metadata === undefined ? undefined : JSON.parse(record.metadata),
      isJson,
      created: record.created,
      position: { commit: record.position, prepare: record.position },
    },
    commitPosition: record.position,
  } as AllStreamResolvedEvent;
}
