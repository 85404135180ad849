import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { GetDealEventsQuery, GetDealQuery, ListDealsQuery } from '#application';
import { toCursor } from '../http/cursor.js';
import { etagOf } from '../http/if-match.js';
import { ListDealsRequest, ReadEventsRequest } from './read-deals.request.js';

@ApiTags('deals')
@Controller('deals')
export class ReadDealsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List deals, filtered by party or commodity, a page at a time' })
  async list(@Query() query: ListDealsRequest) {
    const page = await this.queryBus.execute(
      new ListDealsQuery({
        ...(query.party ? { party: query.party } : {}),
        ...(query.commodity ? { commodity: query.commodity } : {}),
        ...(query.after ? { after: query.after } : {}),
        limit: query.limit ?? 50,
      }),
    );
    return { ...page, items: page.items.map(({ position, ...deal }) => ({ ...deal, position: toCursor(position) })) };
  }

  @Get(':dealId')
  @ApiOperation({ summary: 'A deal now: every figure with its qualifier, source and status' })
  @ApiResponse({ status: 200, description: 'ETag is the deal revision: send it as If-Match to change the deal' })
  @ApiResponse({ status: 404, description: 'No such deal' })
  async get(@Param('dealId') dealId: string, @Res({ passthrough: true }) res: Response) {
    const deal = await this.queryBus.execute(new GetDealQuery(dealId));
    res.setHeader('ETag', etagOf(deal.revision));
    return {
      ...deal,
      position: toCursor(deal.position),
      figures: deal.figures.map(({ lastPosition, ...figure }) => ({ ...figure, lastPosition: toCursor(lastPosition) })),
    };
  }

  @Get(':dealId/events')
  @ApiOperation({ summary: "The deal's stream as stored, with each event's metadata" })
  async events(@Param('dealId') dealId: string, @Query() query: ReadEventsRequest) {
    const page = await this.queryBus.execute(
      new GetDealEventsQuery(dealId, query.fromRevision ?? 0, query.limit ?? 100),
    );
    return { ...page, events: page.events.map((e) => ({ ...e, position: toCursor(e.position) })) };
  }
}
