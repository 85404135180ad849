import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { GetDealAsOfQuery, GetDealEventsQuery, GetDealQuery, ListDealsQuery } from '#application';
import { toCursor } from '../http/cursor.js';
import { etagOf } from '../http/if-match.js';
import { MIN_POSITION_HEADER, ReadYourWrites } from '../http/read-your-writes.js';
import { EventStreams } from '../subscriptions/event-streams.js';
import { parseInstant, parseRecordPoint } from '../http/record-point.js';
import { DealAsOfRequest, ListDealsRequest, ReadEventsRequest } from './read-deals.request.js';

@ApiTags('deals')
@Controller('deals')
export class ReadDealsHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly eventStreams: EventStreams,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List deals, filtered by party, commodity or title, a page at a time' })
  async list(@Query() query: ListDealsRequest) {
    const page = await this.queryBus.execute(
      new ListDealsQuery({
        ...(query.party ? { party: query.party } : {}),
        ...(query.commodity ? { commodity: query.commodity } : {}),
        ...(query.title ? { title: query.title } : {}),
        ...(query.after ? { after: query.after } : {}),
        limit: query.limit ?? 50,
      }),
    );
    return { ...page, items: page.items.map(({ position, ...deal }) => ({ ...deal, position: toCursor(position) })) };
  }

  @Get(':dealId')
  @ApiOperation({
    summary: 'A deal now, or as it stood on record at `knownAt`, or with the values in effect at `validAt`',
  })
  @ApiResponse({ status: 200, description: 'ETag is the deal revision: send it as If-Match to change the deal' })
  @ApiResponse({ status: 404, description: 'No such deal (or not yet on record at knownAt)' })
  @ApiResponse({ status: 503, description: 'READ_MODEL.BEHIND: this replica has not reached minPosition yet' })
  @ApiHeader({ name: 'Min-Position', required: false, description: 'The same as ?minPosition=' })
  async get(
    @Param('dealId') dealId: string,
    @Query() query: DealAsOfRequest,
    @Headers(MIN_POSITION_HEADER) minPositionHeader: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.readYourWrites.reach(query.minPosition ?? minPositionHeader, query.minPosition !== undefined ? 'minPosition' : 'Min-Position');
    if (query.knownAt !== undefined || query.validAt !== undefined) return this.asOf(dealId, query);
    const deal = await this.queryBus.execute(new GetDealQuery(dealId));
    res.setHeader('ETag', etagOf(deal.revision));
    return {
      ...deal,
      position: toCursor(deal.position),
      figures: deal.figures.map(({ lastPosition, ...figure }) => ({ ...figure, lastPosition: toCursor(lastPosition) })),
    };
  }

  /** As-of answers are computed from the audit trail and carry the position they were computed at. */
  private async asOf(dealId: string, query: DealAsOfRequest) {
    const deal = await this.queryBus.execute(
      new GetDealAsOfQuery(
        dealId,
        query.knownAt !== undefined ? parseRecordPoint(query.knownAt, 'knownAt') : undefined,
        query.validAt !== undefined ? parseInstant(query.validAt, 'validAt') : undefined,
      ),
    );
    return {
      ...deal,
      asOf: { ...deal.asOf, position: toCursor(deal.asOf.position) },
      figures: deal.figures.map((f) => ({ ...f, position: toCursor(f.position) })),
      notes: deal.notes.map((n) => ({ ...n, position: toCursor(n.position) })),
    };
  }

  @Get(':dealId/events')
  @ApiOperation({
    summary: "The deal's stream as stored, with each event's metadata; with follow=true, its events as Server-Sent Events",
  })
  async events(@Param('dealId') dealId: string, @Query() query: ReadEventsRequest, @Req() req: Request, @Res() res: Response) {
    if (query.follow === 'true') return this.eventStreams.followDeal(req, res, dealId, query);
    const page = await this.queryBus.execute(
      new GetDealEventsQuery(dealId, query.fromRevision ?? 0, query.limit ?? 100),
    );
    res.json({ ...page, events: page.events.map((e) => ({ ...e, position: toCursor(e.position) })) });
  }
}
