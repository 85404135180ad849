import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EVENT_STREAM_RESPONSE } from './event-stream.answer.js';
import { EventStreams } from './event-streams.js';
import { listParameter, refuseUnknownParameters } from './stream-start.js';

const PARAMETERS = ['from', 'category', 'type', 'dealId', 'partyId'] as const;

@ApiTags('subscriptions')
@Controller('subscriptions')
export class EventStreamHttpController {
  constructor(private readonly streams: EventStreams) {}

  @Get('events')
  @ApiOperation({
    summary: 'Server-Sent Events: history from `from`, then live, without gap or duplicate at the seam',
    description:
      'Each event is one `data:` line with the event envelope (see /schemas/envelope), its `id:` the event\'s cursor. ' +
      'Reconnect with `Last-Event-ID` to resume right after the last event received. Comment lines are heartbeats. ' +
      'The server ends a stream only with `event: end` and a reason. Filters take comma-separated lists; all must hold ' +
      '(`dealId` and `partyId` together: the events of any of those deals and parties; records events name neither, so ' +
      'either filter leaves them out).',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'from', type: String, required: false, description: '`start` (default), `end`, or a cursor (exclusive)' })
  @ApiQuery({ name: 'category', type: String, required: false, description: 'Stream categories: `deal`, `party`, `records` (all when absent)' })
  @ApiQuery({ name: 'type', type: String, required: false, description: 'Event types listed at /schemas, e.g. `FigureRevised.v2,OfftakeSigned.v3`' })
  @ApiQuery({ name: 'dealId', type: String, required: false, description: 'Deal ids' })
  @ApiQuery({ name: 'partyId', type: String, required: false, description: 'Party ids' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this cursor (wins over `from`)' })
  @ApiOkResponse(EVENT_STREAM_RESPONSE)
  @ApiResponse({ status: 400, description: 'An unknown type, category or parameter, or a cursor this ledger did not issue' })
  async events(@Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    refuseUnknownParameters(query, PARAMETERS);
    await this.streams.follow(
      request,
      response,
      {
        categories: listParameter(query.category, 'category'),
        types: listParameter(query.type, 'type'),
        dealIds: listParameter(query.dealId, 'dealId'),
        partyIds: listParameter(query.partyId, 'partyId'),
      },
      query.from,
    );
  }
}
