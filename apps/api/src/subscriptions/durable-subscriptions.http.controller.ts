import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_RETRIES, DurableSubscriptions, subscriptionNotFound, type DurableSubscriptionView } from '#application';
import type { EventStore } from '#event-store';
import { mayUseOwnResource } from '../auth/ownership.js';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { fromCursor } from '#contract';
import { AckRequest, CreateDurableSubscriptionRequest, NackRequest, ReplayParkedRequest } from './durable-subscription.request.js';
import {
  AckAnswer,
  ackAnswer,
  DurableSubscriptionAnswer,
  durableSubscriptionAnswer,
  DurableSubscriptionListAnswer,
  NackAnswer,
  parkedEventAnswer,
  ParkedEventListAnswer,
  ReplayParkedAnswer,
} from './durable-subscription.answer.js';
import { EVENT_STREAM_RESPONSE } from './event-stream.answer.js';
import { EventStreams } from './event-streams.js';
import { issuedCursor } from './stream-start.js';
import { SUBSCRIPTION_EVENT_STORE } from './subscription-options.js';
import { ReadRoute } from '../http/openapi/read-route.js';

/**
 * Durable subscriptions: the ledger keeps each one's checkpoint. The consumer reads
 * `GET …/:name/events` (SSE, at-least-once) and settles each delivery with an ack, or a
 * nack that has it delivered again, and parked after `maxRetries` nacks. A subscription
 * is its creator's: other subscribers are told it does not exist; admins reach them all
 * (the route table says who may call each route, and that parked events are admins').
 */
@ApiTags('subscriptions')
@Controller('subscriptions/durable')
export class DurableSubscriptionsHttpController {
  constructor(
    private readonly subscriptions: DurableSubscriptions,
    private readonly streams: EventStreams,
    @Inject(SUBSCRIPTION_EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a durable subscription (200 with the existing one when the definition is the same)' })
  @ApiCreatedResponse({ type: DurableSubscriptionAnswer, description: 'Created' })
  @ApiOkResponse({ type: DurableSubscriptionAnswer, description: 'The existing one, with the same definition' })
  @ApiResponse({ status: 409, description: 'SUBSCRIPTION.ALREADY_EXISTS: the name is taken by another definition' })
  async create(@Body() body: CreateDurableSubscriptionRequest, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<DurableSubscriptionAnswer> {
    const principal = principalOf(request);
    const from = body.from === undefined || body.from === 'start' || body.from === 'end' ? (body.from ?? 'start') : await issuedCursor(body.from, 'from', this.store);
    const { subscription, created } = await this.subscriptions.create(
      {
        name: body.name,
        selection: { ...body.filter },
        from,
        maxRetries: body.maxRetries ?? DEFAULT_MAX_RETRIES,
        maxInFlight: body.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
      },
      principal.actor,
      (createdBy) => mayUseOwnResource(principal, createdBy),
    );
    if (!created) response.status(200);
    return durableSubscriptionAnswer(subscription);
  }

  @ReadRoute(undefined, 'Every durable subscription, with its checkpoint and parked count', DurableSubscriptionListAnswer)
  async list(@Req() request: AuthenticatedRequest): Promise<DurableSubscriptionListAnswer> {
    const principal = principalOf(request);
    return { items: (await this.subscriptions.list()).filter((s) => mayUseOwnResource(principal, s.createdBy)).map(durableSubscriptionAnswer) };
  }

  @ReadRoute(':name', 'One durable subscription', DurableSubscriptionAnswer)
  async get(@Param('name') name: string, @Req() request: AuthenticatedRequest): Promise<DurableSubscriptionAnswer> {
    return durableSubscriptionAnswer(await this.owned(name, request));
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a durable subscription, its checkpoint and parked events; a connected consumer gets `end: deleted`' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(@Param('name') name: string, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.owned(name, request);
    await this.subscriptions.delete(name);
  }

  @Get(':name/events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse(EVENT_STREAM_RESPONSE)
  @ApiOperation({
    summary: 'Consume: deliveries after the checkpoint (SSE), each with `delivery.attempt`; one consumer at a time',
    description: 'A new connection under the same name replaces the previous one, which gets `event: end` with reason `replaced`.',
  })
  async consume(@Param('name') name: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.owned(name, request);
    await this.streams.consume(request, response, name);
  }

  @Post(':name/ack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Settle handled events; answered once stored. Returns the checkpoint' })
  @ApiOkResponse({ type: AckAnswer })
  async ack(@Param('name') name: string, @Body() body: AckRequest, @Req() request: AuthenticatedRequest): Promise<AckAnswer> {
    await this.owned(name, request);
    const positions = body.cursors.map((cursor, index) => fromCursor(cursor, `cursors[${index}]`));
    return ackAnswer(await this.subscriptions.ack(name, positions));
  }

  @Post(':name/nack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a delivered event: delivered again, or parked after maxRetries nacks' })
  @ApiResponse({ status: 409, description: 'SUBSCRIPTION.NOT_IN_FLIGHT or SUBSCRIPTION.NOT_CONNECTED' })
  @ApiOkResponse({ type: NackAnswer })
  async nack(@Param('name') name: string, @Body() body: NackRequest, @Req() request: AuthenticatedRequest): Promise<NackAnswer> {
    await this.owned(name, request);
    return this.subscriptions.nack(name, fromCursor(body.cursor, 'cursor'), body.reason ?? 'nacked');
  }

  @ReadRoute(':name/parked', 'Parked events, each with the reason of its last nack', ParkedEventListAnswer)
  async parked(@Param('name') name: string): Promise<ParkedEventListAnswer> {
    return { items: (await this.subscriptions.parked(name)).map(parkedEventAnswer) };
  }

  @Post(':name/parked/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deliver parked events again (all, or those named), before new events' })
  @ApiOkResponse({ type: ReplayParkedAnswer })
  async replay(@Param('name') name: string, @Body() body: ReplayParkedRequest): Promise<ReplayParkedAnswer> {
    const positions = body.cursors?.map((cursor, index) => fromCursor(cursor, `cursors[${index}]`));
    return { replaying: await this.subscriptions.replay(name, positions) };
  }

  /** The subscription, if the caller created it or is an admin; otherwise "not found". */
  private async owned(name: string, request: AuthenticatedRequest): Promise<DurableSubscriptionView> {
    const subscription = await this.subscriptions.get(name);
    if (!mayUseOwnResource(principalOf(request), subscription.createdBy)) throw subscriptionNotFound(name);
    return subscription;
  }
}
