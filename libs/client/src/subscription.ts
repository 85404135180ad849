import { HandlerError } from './errors.js';
import { readEventStream } from './event-stream-reader.js';
import { runReconnecting, type ReconnectOptions } from './reconnecting.js';
import type { EventFilter, EventHandler, LedgerEvent, StartFrom } from './types.js';

export interface SubscribeOptions {
  filter?: EventFilter;
  /** Where to start the first time. Default `start`. After that, it resumes after the last event handled. */
  from?: StartFrom;
  /** Called for each event in position order, one at a time; the next waits for it. */
  handler: EventHandler;
  reconnect?: ReconnectOptions;
  onConnectionError?: (error: unknown, failuresInARow: number) => void;
  signal?: AbortSignal;
}

export interface ClientContext {
  baseUrl: string;
  fetch: typeof fetch;
  headers(): Record<string, string>;
}

/**
 * A catch-up-then-live subscription that survives drops and server restarts: it
 * reconnects with `Last-Event-ID` set to the last event its handler finished, so every
 * event is handled once, in order. A handler that throws stops it (`done` rejects with a
 * HandlerError); started again from `position`, it resumes with the event that failed.
 */
export class Subscription {
  private readonly controller = new AbortController();
  private lastHandled: string | undefined;
  /** Resolves once stopped; rejects when it cannot go on (bad filter, failing handler). */
  readonly done: Promise<void>;

  constructor(
    private readonly client: ClientContext,
    private readonly options: SubscribeOptions,
  ) {
    options.signal?.addEventListener('abort', () => this.controller.abort(), { once: true });
    this.done = runReconnecting({
      signal: this.controller.signal,
      reconnect: options.reconnect,
      onConnectionError: options.onConnectionError,
      connect: (opened) => this.connect(opened),
    });
    // Observed here so that a caller who only calls stop() never sees an unhandled rejection.
    this.done.catch(() => undefined);
  }

  /** The cursor of the last event the handler finished: where a new subscription would resume. */
  get position(): string | undefined {
    return this.lastHandled;
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.done.catch(() => undefined);
  }

  private connect(opened: () => void) {
    return readEventStream(
      {
        url: `${this.client.baseUrl}/subscriptions/events${queryOf(this.options.filter, this.options.from)}`,
        headers: { ...this.client.headers(), ...(this.lastHandled !== undefined ? { 'Last-Event-ID': this.lastHandled } : {}) },
        signal: this.controller.signal,
        fetch: this.client.fetch,
        onOpen: opened,
      },
      async (message) => {
        const event = JSON.parse(message.data) as LedgerEvent;
        try {
          await this.options.handler(event);
        } catch (error) {
          throw new HandlerError(event, error);
        }
        this.lastHandled = message.id;
      },
    );
  }
}

export function queryOf(filter: EventFilter | undefined, from: StartFrom | undefined): string {
  const parameters = new URLSearchParams();
  if (from !== undefined) parameters.set('from', from);
  if (filter?.categories) parameters.set('category', filter.categories.join(','));
  if (filter?.types) parameters.set('type', filter.types.join(','));
  if (filter?.dealIds) parameters.set('dealId', filter.dealIds.join(','));
  if (filter?.partyIds) parameters.set('partyId', filter.partyIds.join(','));
  const query = parameters.toString();
  return query ? `?${query}` : '';
}
