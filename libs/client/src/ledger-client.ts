import { DurableConsumer, type ConsumeOptions } from './durable-consumer.js';
import { LedgerHttpError } from './errors.js';
import type { ReconnectOptions } from './reconnecting.js';
import { Subscription, type ClientContext, type SubscribeOptions } from './subscription.js';
import type { DurableSubscriptionInfo, EventFilter, ParkedEvent, StartFrom } from './types.js';

export interface LedgerClientOptions {
  /** Where the ledger serves, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /**
   * The API key (or bearer token), sent with every request, streams and reads included: the
   * ledger answers nothing but /health without one. Following streams needs a role with
   * events:read (subscriber, auditor…); durable subscriptions need subscriber (or admin).
   */
  apiKey?: string;
  /** Defaults to the global fetch (Node 18+, browsers). */
  fetch?: typeof fetch;
  reconnect?: ReconnectOptions;
}

export interface DurableSubscriptionDefinition {
  name: string;
  filter?: EventFilter;
  /** Default `start`. */
  from?: StartFrom;
  /** Nacks an event may have before it is parked. Default 3. */
  maxRetries?: number;
  /** Events delivered and not yet acked, at most. Default 100. */
  maxInFlight?: number;
}

/**
 * A client of the ledger's event streams, for other services. It needs only `fetch`;
 * events are typed by the same definitions the ledger writes them with.
 */
export class LedgerClient {
  private readonly context: ClientContext;
  readonly durable: DurableSubscriptionsClient;

  constructor(private readonly options: LedgerClientOptions) {
    const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.context = {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      fetch: fetchFn,
      headers: (): Record<string, string> => (options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {}),
    };
    this.durable = new DurableSubscriptionsClient(this.context, options.reconnect);
  }

  /** Follows the ledger from `from`, catch-up then live, resuming after drops where it left off. */
  subscribe(options: SubscribeOptions): Subscription {
    return new Subscription(this.context, { reconnect: this.options.reconnect, ...options });
  }
}

/** Durable subscriptions: the ledger remembers each one's position. */
export class DurableSubscriptionsClient {
  constructor(
    private readonly context: ClientContext,
    private readonly reconnect: ReconnectOptions | undefined,
  ) {}

  /** Creates it, or returns it unchanged when it exists with the same definition. */
  create(definition: DurableSubscriptionDefinition): Promise<DurableSubscriptionInfo> {
    return this.request('POST', '', definition);
  }

  async list(): Promise<DurableSubscriptionInfo[]> {
    return (await this.request<{ items: DurableSubscriptionInfo[] }>('GET', '')).items;
  }

  get(name: string): Promise<DurableSubscriptionInfo> {
    return this.request('GET', `/${encodeURIComponent(name)}`);
  }

  async delete(name: string): Promise<void> {
    await this.request('DELETE', `/${encodeURIComponent(name)}`);
  }

  /** Receives its events: resolve to ack, throw to nack. */
  consume(name: string, options: ConsumeOptions): DurableConsumer {
    return new DurableConsumer(this.context, name, { reconnect: this.reconnect, ...options });
  }

  async parked(name: string): Promise<ParkedEvent[]> {
    return (await this.request<{ items: ParkedEvent[] }>('GET', `/${encodeURIComponent(name)}/parked`)).items;
  }

  /** Delivers parked events again (all, or those whose cursors are given); returns how many. */
  async replay(name: string, cursors?: string[]): Promise<number> {
    const body = cursors ? { cursors } : {};
    return (await this.request<{ replaying: number }>('POST', `/${encodeURIComponent(name)}/parked/replay`, body)).replaying;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.context.fetch(`${this.context.baseUrl}/subscriptions/durable${path}`, {
      method,
      headers: { ...this.context.headers(), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) throw new LedgerHttpError(response.status, parsed as never);
    return parsed as T;
  }
}
