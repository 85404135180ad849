import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_MAX_RETRIES,
  DurableSubscriptions,
  type DurableSubscriptionView,
  type ParkedEventRecord,
} from '#application';
import type { EventStore } from '#event-store';
import { AdminAccessGuard } from '../auth/admin-access.guard.js';
import type { AuthenticatedRequest } from '../auth/write-auth.guard.js';
import { fromCursor, toCursor } from '../http/cursor.js';
import { AckRequest, CreateDurableSubscriptionRequest, NackRequest, ReplayParkedRequest } from './durable-subscription.request.js';
import { toEventEnvelope } from './event-envelope.js';
import { EventStreams } from './event-streams.js';
import { issuedCursor } from './stream-start.js';
import { SUBSCRIPTION_EVENT_STORE } from './subscription-options.js';

/**
 * Durable subscriptions: the ledger keeps each one's checkpoint. The consumer reads
 * `GET …/:name/events` (SSE, at-least-once) and settles each delivery with an ack, or a
 * nack that has it delivered again, and parked after `maxRetries` nacks. Parked events
 * and deletion are admin routes (AdminAccessGuard decides who that is).
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
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 409, description: 'SUBSCRIPTION.ALREADY_EXISTS: the name is taken by another definition' })
  async create(@Body() body: CreateDurableSubscriptionRequest, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    const from = body.from === undefined || body.from === 'start' || body.from === 'end' ? (body.from ?? 'start') : await issuedCursor(body.from, 'from', this.store);
    const { subscription, created } = await this.subscriptions.create(
      {
        name: body.name,
        selection: { ...body.filter },
        from,
        maxRetries: body.maxRetries ?? DEFAULT_MAX_RETRIES,
        maxInFlight: body.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
      },
      request.actor!,
    );
    if (!created) response.status(200);
    return viewOf(subscription);
  }

  @Get()
  @ApiOperation({ summary: 'Every durable subscription, with its checkpoint and parked count' })
  list() {
    return { items: this.subscriptions.list().map(viewOf) };
  }

  @Get(':name')
  @ApiOperation({ summary: 'One durable subscription' })
  get(@Param('name') name: string) {
    return viewOf(this.subscriptions.get(name));
  }

  @Delete(':name')
  @UseGuards(AdminAccessGuard)
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a durable subscription, its checkpoint and parked events; a connected consumer gets `end: deleted`' })
  delete(@Param('name') name: string): void {
    this.subscriptions.delete(name);
  }

  @Get(':name/events')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Consume: deliveries after the checkpoint (SSE), each with `delivery.attempt`; one consumer at a time',
    description: 'A new connection under the same name replaces the previous one, which gets `event: end` with reason `replaced`.',
  })
  async consume(@Param('name') name: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.streams.consume(request, response, name);
  }

  @Post(':name/ack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Settle handled events; answered once stored. Returns the checkpoint' })
  async ack(@Param('name') name: string, @Body() body: AckRequest) {
    const positions = body.cursors.map((cursor, index) => fromCursor(cursor, `cursors[${index}]`));
    return { checkpoint: toCursor(await this.subscriptions.ack(name, positions)) };
  }

  @Post(':name/nack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a delivered event: delivered again, or parked after maxRetries nacks' })
  @ApiResponse({ status: 409, description: 'SUBSCRIPTION.NOT_IN_FLIGHT or SUBSCRIPTION.NOT_CONNECTED' })
  nack(@Param('name') name: string, @Body() body: NackRequest) {
    return this.subscriptions.nack(name, fromCursor(body.cursor, 'cursor'), body.reason ?? 'nacked');
  }

  @Get(':name/parked')
  @UseGuards(AdminAccessGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Parked events, each with the reason of its last nack' })
  parked(@Param('name') name: string) {
    return { items: this.subscriptions.parked(name).map(parkedViewOf) };
  }

  @Post(':name/parked/replay')
  @UseGuards(AdminAccessGuard)
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Deliver parked events again (all, or those named), before new events' })
  replay(@Param('name') name: string, @Body() body: ReplayParkedRequest) {
    const positions = body.cursors?.map((cursor, index) => fromCursor(cursor, `cursors[${index}]`));
    return { replaying: this.subscriptions.replay(name, positions) };
  }
}

function viewOf(view: DurableSubscriptionView) {
  return {
    name: view.name,
    filter: view.selection,
    from: toCursor(view.startPosition),
    checkpoint: toCursor(view.checkpoint),
    maxRetries: view.maxRetries,
    maxInFlight: view.maxInFlight,
    createdAt: view.createdAt,
    createdBy: view.createdBy,
    connected: view.connected,
    inFlight: view.inFlight,
    parked: view.parked,
  };
}

function parkedViewOf(parked: ParkedEventRecord) {
  return {
    position: toCursor(parked.position),
    reason: parked.reason,
    attempts: parked.attempts,
    parkedAt: parked.parkedAt,
    ...(parked.replayRequestedAt ? { replayRequestedAt: parked.replayRequestedAt } : {}),
    event: toEventEnvelope(parked.event),
  };
}
