import { v7 as uuidv7 } from 'uuid';
import { CoalescingAppender, type EventStore, type NewEvent, type RecordedEvent } from '#event-store';
import { ACCESS_LOG_STREAM, type AuditRead, type AuditReadKind } from './access-events.js';

export interface AuditReadEntry extends Omit<AuditRead['data'], 'dealId'> {
  actor: string;
  dealId?: string;
}

export interface AccessLogQuery {
  actor?: string;
  dealId?: string;
  kind?: AuditReadKind;
  /** Inclusive bounds on when the read was logged (ISO-8601). */
  from?: string;
  to?: string;
  /** Newest first (default) or oldest first. */
  order?: 'newest' | 'oldest';
  /** Continue after this entry (a `next` of an earlier page). */
  after?: number;
  limit: number;
}

export interface AccessLogEntry {
  seq: number;
  at: string;
  actor: string;
  kind: AuditReadKind;
  resource: string;
  dealId: string | null;
  status: number;
  credential: string;
}

export interface AccessLogPage {
  items: AccessLogEntry[];
  /** Pass as `after` for the next page; absent when the log has no more entries that way. */
  next?: number;
}

/** Entries of concurrent reads appended at once at most (far below the store's bound on one append). */
const ENTRIES_PER_APPEND = 500;
/** Entries read from the log per page while filtering: bounds one query's work. */
const SCAN_PAGE = 1000;
/** Entries one query may pass over: a rare filter answers a partial page and a `next`. */
const SCAN_BUDGET = 20_000;

/**
 * The append-only log of audit reads. Entries are events of the `access-log` stream:
 * nothing can update or delete them through the ledger, and the hash chain shows if
 * anything did so underneath it. Appends use no expected revision: entries record what
 * happened and decide nothing, so concurrent readers (or replicas) never conflict.
 *
 * Entries of concurrent audit reads are appended together (one append, one commit), so a
 * burst of reads costs one write rather than one each; on KurrentDB, where the adapter chains
 * each append to the stream's head with a read and an exact-revision write, they would
 * otherwise race each other for the head and run out of retries. A read still answers only
 * once its entry is stored.
 */
export class AccessLog {
  private readonly appender = new CoalescingAppender<AuditReadEntry>((entries) => this.append(entries), ENTRIES_PER_APPEND);

  constructor(private readonly store: EventStore) {}

  record(entry: AuditReadEntry): Promise<void> {
    return this.appender.add(entry);
  }

  private async append(entries: AuditReadEntry[]): Promise<void> {
    await this.store.append(ACCESS_LOG_STREAM, entries.map(eventOf), 'any');
  }

  async query(query: AccessLogQuery): Promise<AccessLogPage> {
    const backwards = (query.order ?? 'newest') === 'newest';
    const items: AccessLogEntry[] = [];
    let from = query.after === undefined ? undefined : backwards ? query.after - 1 : query.after + 1;
    let scanned = 0;
    while (scanned < SCAN_BUDGET && (from === undefined || from >= 0)) {
      const page = await this.store.readStream(ACCESS_LOG_STREAM, {
        direction: backwards ? 'backwards' : 'forwards',
        maxCount: SCAN_PAGE,
        ...(from === undefined ? {} : { fromRevision: from }),
      });
      for (const event of page) {
        scanned++;
        // An entry disposed of past retention holds no read to show; the retention report counts them.
        if (event.disposal) continue;
        const entry = entryOf(event);
        if (matches(entry, query)) items.push(entry);
        if (items.length === query.limit) return { items, ...(hasMore(event, backwards) ? { next: entry.seq } : {}) };
      }
      if (page.length < SCAN_PAGE) return { items };
      from = backwards ? page.at(-1)!.revision - 1 : page.at(-1)!.revision + 1;
    }
    // Out of budget: say where to go on, so that a sparse filter still reaches the end.
    return { items, ...(from !== undefined && from >= 0 ? { next: backwards ? from + 1 : from - 1 } : {}) };
  }
}

function eventOf(entry: AuditReadEntry): NewEvent {
  const id = uuidv7();
  const data: AuditRead['data'] = {
    kind: entry.kind,
    resource: entry.resource,
    dealId: entry.dealId ?? null,
    status: entry.status,
    credential: entry.credential,
  };
  return { eventId: id, type: 'AuditRead.v1', data: { ...data }, metadata: { actor: entry.actor, commandId: id, correlationId: id, causationId: id } };
}

function hasMore(event: RecordedEvent, backwards: boolean): boolean {
  return backwards ? event.revision > 0 : true;
}

function entryOf(event: RecordedEvent): AccessLogEntry {
  const data = event.data as AuditRead['data'];
  return {
    seq: event.revision,
    at: event.recordedAt,
    actor: event.metadata.actor,
    kind: data.kind,
    resource: data.resource,
    dealId: data.dealId,
    status: data.status,
    credential: data.credential,
  };
}

function matches(entry: AccessLogEntry, query: AccessLogQuery): boolean {
  return (
    (query.actor === undefined || entry.actor === query.actor) &&
    (query.dealId === undefined || entry.dealId === query.dealId) &&
    (query.kind === undefined || entry.kind === query.kind) &&
    (query.from === undefined || entry.at >= query.from) &&
    (query.to === undefined || entry.at <= query.to)
  );
}
