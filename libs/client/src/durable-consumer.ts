import { LedgerHttpError } from './errors.js';
import { readEventStream } from './event-stream-reader.js';
import { runReconnecting, type ReconnectOptions } from './reconnecting.js';
import type { ClientContext } from './subscription.js';
import type { EventHandler, LedgerEvent } from './types.js';

export interface ConsumeOptions {
  /** Resolving acks the event; throwing nacks it (the error's message is the reason). */
  handler: EventHandler;
  /** Acks are sent in batches: once this many are pending, or `ackIntervalMs` after the first. */
  ackBatchSize?: number;
  ackIntervalMs?: number;
  /** Called with the cursors the ledger has stored as acked. */
  onAcked?: (cursors: string[]) => void;
  reconnect?: ReconnectOptions;
  onConnectionError?: (error: unknown, failuresInARow: number) => void;
  signal?: AbortSignal;
}

/**
 * The consumer of a durable subscription. The ledger keeps its checkpoint: after a
 * reconnect (or a restart of either side) delivery goes on after the last acked events,
 * so an event comes again only if its ack was not stored. Ends for good when another
 * consumer connects under the same name (`replaced`) or the subscription is deleted.
 */
export class DurableConsumer {
  private readonly controller = new AbortController();
  private pendingAcks: string[] = [];
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  readonly done: Promise<void>;

  constructor(
    private readonly client: ClientContext,
    readonly name: string,
    private readonly options: ConsumeOptions,
  ) {
    options.signal?.addEventListener('abort', () => void this.stop(), { once: true });
    this.done = runReconnecting({
      signal: this.controller.signal,
      reconnect: options.reconnect,
      onConnectionError: options.onConnectionError,
      finalEnds: ['replaced', 'deleted'],
      connect: (opened) => this.connect(opened),
    });
    this.done.catch(() => undefined);
  }

  /** Stops reading, sends the acks still pending, and resolves when done. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.done.catch(() => undefined);
    await this.flushAcks();
  }

  private path(suffix: string): string {
    return `${this.client.baseUrl}/subscriptions/durable/${encodeURIComponent(this.name)}${suffix}`;
  }

  private connect(opened: () => void) {
    return readEventStream(
      { url: this.path('/events'), headers: this.client.headers(), signal: this.controller.signal, fetch: this.client.fetch, onOpen: opened },
      async (message) => {
        const event = JSON.parse(message.data) as LedgerEvent;
        try {
          await this.options.handler(event);
        } catch (error) {
          await this.nack(event, error);
          return;
        }
        this.ack(event.position);
      },
    );
  }

  private ack(cursor: string): void {
    this.pendingAcks.push(cursor);
    if (this.pendingAcks.length >= (this.options.ackBatchSize ?? 50)) void this.flushAcks();
    else this.ackTimer ??= setTimeout(() => void this.flushAcks(), this.options.ackIntervalMs ?? 20);
  }

  /** One flush at a time; a failed flush keeps its acks for the next one (at worst they come again). */
  private flushAcks(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      clearTimeout(this.ackTimer);
      this.ackTimer = undefined;
      const cursors = this.pendingAcks.splice(0);
      if (cursors.length === 0) return;
      try {
        await this.post('/ack', { cursors });
        this.options.onAcked?.(cursors);
      } catch (error) {
        if (error instanceof LedgerHttpError && error.permanent) return;
        this.pendingAcks.unshift(...cursors);
      }
    });
    return this.flushing;
  }

  private async nack(event: LedgerEvent, error: unknown): Promise<void> {
    // Acks first: the ledger settles in order of what it hears.
    await this.flushAcks();
    try {
      await this.post('/nack', { cursor: event.position, reason: (error instanceof Error ? error.message : String(error)).slice(0, 1000) || 'nacked' });
    } catch (failure) {
      // Not in flight any more (the connection dropped and came back): it is delivered again anyway.
      if (!(failure instanceof LedgerHttpError && failure.status === 409)) throw failure;
    }
  }

  private async post(suffix: string, body: unknown): Promise<void> {
    const response = await this.client.fetch(this.path(suffix), {
      method: 'POST',
      headers: { ...this.client.headers(), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new LedgerHttpError(response.status, (await response.json().catch(() => undefined)) as never);
    await response.arrayBuffer();
  }
}
