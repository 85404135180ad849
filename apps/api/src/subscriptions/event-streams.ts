import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import { dealStreamName } from '#domain';
import {
  AccessLog,
  DurableSubscriptions,
  dealNotFound,
  LiveEventFeed,
  normalizeSelection,
  PersonalDataResolver,
  storeFilterOf,
  type DurableSession,
  type EventSelection,
} from '#application';
import type { EventStore } from '#event-store';
import { auditReadEntryOf } from '../auth/audit-read-entry.js';
import { principalOf, type AuthenticatedRequest, type Principal } from '../auth/principal.js';
import { RequestValidationError } from '#contract';
import { SseConnection, type SseOptions } from './sse-connection.js';
import { deliveryFrame, eventFrame } from './sse-frames.js';
import { StreamSlots } from './stream-slots.js';
import { streamStart } from './stream-start.js';
import { ApiKeyRegistry, DEFAULT_MAX_STREAMS_PER_IDENTITY } from '#runtime';
import { DEFAULT_SSE_OPTIONS, SUBSCRIPTION_EVENT_STORE, SUBSCRIPTION_OPTIONS, type SubscriptionOptions } from './subscription-options.js';

const QUERY_FIELDS = { categories: 'category', types: 'type', dealIds: 'dealId', partyIds: 'partyId' };

/** A stream let in: whose it is, and how to give its slot back. */
interface Admission {
  principal: Principal;
  release: () => void;
}

/**
 * Every open event stream of this process: catch-up-then-live streams (SSE with
 * Last-Event-ID) and durable-subscription consumers. Input is checked before the first
 * byte, so a bad filter or cursor is an ordinary 4xx; once streaming, the server ends a
 * stream only with an `end` event that says why (shutdown, replaced, deleted, revoked, error).
 */
@Injectable()
export class EventStreams implements OnModuleDestroy {
  private readonly logger = new Logger('EventStreams');
  /** Each open stream, with the credential it was opened with. */
  private readonly connections = new Map<SseConnection, Principal>();
  private readonly stopFollowingRevocations: () => void;
  private readonly sse: SseOptions;
  private readonly slots: StreamSlots;

  constructor(
    private readonly feed: LiveEventFeed,
    private readonly durable: DurableSubscriptions,
    @Inject(SUBSCRIPTION_EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBSCRIPTION_OPTIONS) options: SubscriptionOptions,
    @Inject(ApiKeyRegistry) apiKeys: ApiKeyRegistry,
    @Inject(AccessLog) private readonly accessLog: AccessLog,
    @Inject(PersonalDataResolver) private readonly names: PersonalDataResolver,
  ) {
    this.sse = {
      heartbeatMs: options.heartbeatMs ?? DEFAULT_SSE_OPTIONS.heartbeatMs,
      retryMs: options.retryMs ?? DEFAULT_SSE_OPTIONS.retryMs,
    };
    this.slots = new StreamSlots(options.maxStreamsPerIdentity ?? DEFAULT_MAX_STREAMS_PER_IDENTITY);
    this.stopFollowingRevocations = apiKeys.onRevoked((credential) => {
      for (const [connection, principal] of this.connections) {
        if (principal.credential === credential) connection.end('revoked', 'The API key this stream was opened with was revoked');
      }
    });
  }

  /** Events selected, from `from` (or after `Last-Event-ID`), then live, until the client leaves. */
  async follow(request: Request, response: Response, selection: EventSelection, from: unknown): Promise<void> {
    const filter = storeFilterOf(normalizeSelection(selection, QUERY_FIELDS));
    const after = await streamStart(from, request.header('last-event-id'), this.store);
    const { source: reader, admission } = await this.admit(request, () => this.feed.open(after, filter));
    const connection = this.open(request, response, admission);
    connection.onClose(() => reader.close());
    try {
      for await (const batch of reader) {
        if (!(await connection.write(batch.map((event) => eventFrame(event, this.names.namesInJson)).join('')))) break;
      }
    } catch (error) {
      this.failed(connection, error);
    } finally {
      reader.close();
      this.finished(connection);
    }
  }

  /** One deal's events (`GET /deals/:dealId/events?follow=true`): the deal must exist. */
  async followDeal(
    request: Request,
    response: Response,
    dealId: string,
    query: { from?: string; fromRevision?: number; limit?: number },
  ): Promise<void> {
    if (query.fromRevision !== undefined || query.limit !== undefined) {
      const field = query.fromRevision !== undefined ? 'fromRevision' : 'limit';
      throw new RequestValidationError([{ field, message: `${field} pages the stream as stored; with follow=true, use from or Last-Event-ID` }]);
    }
    const [first] = await this.store.readStream(dealStreamName(dealId), { maxCount: 1 });
    if (!first) throw dealNotFound(dealId);
    await this.follow(request, response, { dealIds: [dealId] }, query.from);
  }

  /** The consumer of a durable subscription: deliveries after its checkpoint, acked over HTTP. */
  async consume(request: Request, response: Response, name: string): Promise<void> {
    const { source: session, admission } = await this.admit(request, () => this.durable.connect(name));
    const connection = this.open(request, response, admission);
    connection.onClose(() => session.close('disconnected'));
    try {
      for await (const batch of session.deliveries()) {
        const chunk = batch.map(({ event, attempt, replay }) => deliveryFrame(event, { attempt, replay }, this.names.namesInJson)).join('');
        if (!(await connection.write(chunk))) break;
      }
      this.ended(connection, session);
    } catch (error) {
      this.failed(connection, error);
    } finally {
      session.close('disconnected');
      this.finished(connection);
    }
  }

  /** Before the HTTP server closes: it would otherwise wait for every stream to end by itself. */
  async onModuleDestroy(): Promise<void> {
    this.stopFollowingRevocations();
    this.endAll();
    await this.feed.close();
  }

  /** Ends every open stream with a `shutdown` end event and a reconnect hint: the first step of a graceful shutdown. */
  endAll(): number {
    const open = this.connections.size;
    for (const connection of [...this.connections.keys()]) {
      connection.end('shutdown', 'The ledger is shutting down: reconnect, and resume where you were');
    }
    this.durable.closeAll('shutdown');
    return open;
  }

  /**
   * Lets a caller's stream in, once its input is known good: one of the caller's stream
   * slots (429 past the bound), an access-log entry (a stream reads the log's history),
   * then its source opened. A failure on the way gives the slot back.
   */
  private async admit<T>(request: Request, openSource: () => T | Promise<T>): Promise<{ source: T; admission: Admission }> {
    const authenticated = request as AuthenticatedRequest;
    const principal = principalOf(authenticated);
    const release = this.slots.take(principal.actor);
    try {
      await this.accessLog.record(auditReadEntryOf(authenticated, principal, 'events', 200));
      return { source: await openSource(), admission: { principal, release } };
    } catch (error) {
      release();
      throw error;
    }
  }

  private open(request: Request, response: Response, { principal, release }: Admission): SseConnection {
    const connection = new SseConnection(request, response, this.sse);
    connection.onClose(release);
    this.connections.set(connection, principal);
    // A token's stream lasts no longer than the token: the client reconnects with a fresh one.
    const untilExpiry = principal.expiresAt === undefined ? undefined : Math.max(0, principal.expiresAt - Date.now());
    // (A timer cannot wait longer than 2^31 − 1 ms, ~24.8 days: a token living longer is not timed.)
    if (untilExpiry !== undefined && untilExpiry <= 2 ** 31 - 1) {
      const expiry = setTimeout(() => connection.end('revoked', 'The token this stream was opened with has expired'), untilExpiry);
      expiry.unref();
      connection.onClose(() => clearTimeout(expiry));
    }
    return connection;
  }

  private ended(connection: SseConnection, session: DurableSession): void {
    if (session.endReason === 'replaced') {
      connection.end('replaced', `Another consumer connected to subscription ${session.name}`);
    } else if (session.endReason === 'deleted') {
      connection.end('deleted', `Subscription ${session.name} was deleted`);
    }
  }

  private failed(connection: SseConnection, error: unknown): void {
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    connection.end('error', 'The stream failed on the server: reconnect, and resume where you were');
  }

  private finished(connection: SseConnection): void {
    this.connections.delete(connection);
    connection.close();
  }
}
