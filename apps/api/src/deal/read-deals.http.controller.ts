import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { GetDealAsOfQuery, GetDealEventsQuery, GetDealQuery, ListDealsQuery } from '#application';
import { etagOf } from '../http/if-match.js';
import { MIN_POSITION_HEADER, ReadYourWrites } from '../http/read-your-writes.js';
import { EVENT_STREAM_RESPONSE } from '../subscriptions/event-stream.answer.js';
import { EventStreams } from '../subscriptions/event-streams.js';
import { parseInstant, parseRecordPoint } from '../http/record-moment.js';
import { DealAnswer, dealAnswer, DealPageAnswer, dealPageAnswer } from './deal.answer.js';
import { EventPageAnswer, eventPageAnswer } from './deal-events.answer.js';
import { DealAsOfRequest, ListDealsRequest, ReadEventsRequest } from './read-deals.request.js';
import { ReadRoute } from '../http/openapi/read-route.js';
import { ReadFromReadModels } from '../http/stale/read-from-read-models.js';

@ApiTags('deals')
@ApiExtraModels(EventPageAnswer)
@Controller('deals')
export class ReadDealsHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly eventStreams: EventStreams,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @ReadFromReadModels()
  @ReadRoute(undefined, 'List deals, filtered by party, commodity or title, a page at a time', DealPageAnswer)
  async list(@Query() query: ListDealsRequest): Promise<DealPageAnswer> {
    const page = await this.queryBus.execute(
      new ListDealsQuery({
        ...(query.party ? { party: query.party } : {}),
        ...(query.commodity ? { commodity: query.commodity } : {}),
        ...(query.title ? { title: query.title } : {}),
        ...(query.after ? { after: query.after } : {}),
        limit: query.limit ?? 50,
      }),
    );
    return dealPageAnswer(page);
  }

  // At `knownAt` the answer is fixed and waits for the read models; `validAt` alone is at the head.
  @ReadFromReadModels({ fixedBy: ['knownAt'] })
  @Get(':dealId')
  @ApiOperation({
    summary: 'A deal now, or as it stood on record at `knownAt`, or with the values in effect at `validAt`',
    description:
      'One answer shape, now or as of a moment: the deal (revision, position and updatedAt of its last event then), ' +
      'its figures and notes; an as-of answer adds `asOf` {knownAt?, position, validAt?}. Each figure: figureId, fact, ' +
      'context, value, display, status (current, revised, corrected, retracted), change (the kind of its last change: ' +
      'initial, revision, disclosure, correction, retraction), reason, source, reportedAt, effectiveAt (the report its ' +
      'value comes from: for a retracted figure, the report withdrawn), firstRecordedAt, and recordedAt, recordedBy, ' +
      'eventId and position of its last change. At the head of the log, the two answers are the same figure by figure.',
  })
  @ApiOkResponse({ type: DealAnswer, description: 'ETag (on the deal now) is the deal revision: send it as If-Match to change the deal' })
  @ApiResponse({
    status: 400,
    description:
      'knownAt is not a fixed moment of the record: AUDIT.KNOWN_AT_BEYOND_HEAD (a position past the end of the log) or ' +
      'AUDIT.KNOWN_AT_IN_FUTURE (an instant not yet past); or a malformed moment (REQUEST.INVALID_RECORD_POINT)',
  })
  @ApiResponse({ status: 404, description: 'No such deal (or not yet on record at knownAt)' })
  @ApiResponse({ status: 503, description: 'READ_MODEL.BEHIND: this replica has not reached minPosition (or knownAt) yet' })
  @ApiHeader({ name: 'Min-Position', required: false, description: 'The same as ?minPosition=' })
  async get(
    @Param('dealId') dealId: string,
    @Query() query: DealAsOfRequest,
    @Headers(MIN_POSITION_HEADER) minPositionHeader: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DealAnswer> {
    await this.readYourWrites.reach(query.minPosition ?? minPositionHeader, query.minPosition !== undefined ? 'minPosition' : 'Min-Position');
    if (query.knownAt !== undefined || query.validAt !== undefined) return this.asOf(dealId, query);
    const deal = await this.queryBus.execute(new GetDealQuery(dealId));
    res.setHeader('ETag', etagOf(deal.revision));
    // The ETag is the deal stream's revision, for If-Match; links other deals make change the
    // answer (linkedFrom) but not the revision, so a cached copy must not be revalidated by it.
    res.setHeader('Cache-Control', 'no-store');
    return dealAnswer(deal);
  }

  /** As-of answers are computed from the audit trail and carry the position they were computed at. */
  private async asOf(dealId: string, query: DealAsOfRequest): Promise<DealAnswer> {
    const deal = await this.queryBus.execute(
      new GetDealAsOfQuery(
        dealId,
        query.knownAt !== undefined ? parseRecordPoint(query.knownAt, 'knownAt') : undefined,
        query.validAt !== undefined ? parseInstant(query.validAt, 'validAt') : undefined,
      ),
    );
    return dealAnswer(deal);
  }

  @Get(':dealId/events')
  @ApiOperation({
    summary: "The deal's stream as stored, with each event's metadata; with follow=true, its events as Server-Sent Events",
  })
  @ApiOkResponse({
    description: 'A page of the stream (JSON); with follow=true, the deal\'s events as Server-Sent Events, each `data:` an envelope',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(EventPageAnswer) } },
      ...EVENT_STREAM_RESPONSE.content,
    },
  })
  async events(@Param('dealId') dealId: string, @Query() query: ReadEventsRequest, @Req() req: Request, @Res() res: Response) {
    if (query.follow === 'true') return this.eventStreams.followDeal(req, res, dealId, query);
    const page = await this.queryBus.execute(
      new GetDealEventsQuery(dealId, query.fromRevision ?? 0, query.limit ?? 100),
    );
    res.json(eventPageAnswer(page));
  }
}
