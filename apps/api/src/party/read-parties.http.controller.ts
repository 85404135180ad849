import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { GetPartyQuery, ListDealsQuery, ListPartiesQuery } from '#application';
import { assertValidId } from '#domain';
import { DealPageAnswer, dealPageAnswer } from '../deal/deal.answer.js';
import { etagOf } from '../http/if-match.js';
import { ReadRoute } from '../http/openapi/read-route.js';
import { parseInstant, parseRecordPoint } from '../http/record-moment.js';
import { ReadFromReadModels } from '../http/stale/read-from-read-models.js';
import { PartyAnswer, partyAnswer, PartyPageAnswer, partyPageAnswer } from './party.answer.js';
import { ListPartiesRequest, PageRequest, PartyAsOfRequest } from './read-parties.request.js';

@ApiTags('parties')
@Controller('parties')
export class ReadPartiesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @ReadFromReadModels()
  @ReadRoute('', 'The party directory: registered parties, found by any of their names or by LEI, a page at a time', PartyPageAnswer)
  async list(@Query() query: ListPartiesRequest): Promise<PartyPageAnswer> {
    const { name, lei, after, limit } = query;
    const page = await this.queryBus.execute(
      new ListPartiesQuery({ ...(name ? { name } : {}), ...(lei ? { lei } : {}), ...(after ? { after } : {}), limit: limit ?? 50 }),
    );
    return partyPageAnswer(page);
  }

  @Get(':partyId')
  @ApiOperation({
    summary: 'A party now, or as it stood on record at `knownAt`, with the name in effect at `validAt`',
    description:
      'A fold of the party\'s stream: names with their effective, reported and recorded dates, aliases, parent links. ' +
      '`validAt` picks the name (and parent links) in effect in the world then; `knownAt` leaves out what was recorded later.',
  })
  @ApiOkResponse({ type: PartyAnswer, description: 'ETag (on the party now) is its stream revision: send it as If-Match to change it' })
  @ApiResponse({ status: 400, description: 'A malformed id or moment; knownAt beyond the log or in the future (AUDIT.KNOWN_AT_…)' })
  @ApiResponse({ status: 404, description: 'PARTY.NOT_FOUND: no such party (or not yet on record at knownAt)' })
  async get(@Param('partyId') partyId: string, @Query() query: PartyAsOfRequest, @Res({ passthrough: true }) res: Response): Promise<PartyAnswer> {
    assertValidId(partyId, 'partyId');
    const knownAt = query.knownAt !== undefined ? parseRecordPoint(query.knownAt, 'knownAt') : undefined;
    const validAt = query.validAt !== undefined ? parseInstant(query.validAt, 'validAt') : undefined;
    const party = await this.queryBus.execute(new GetPartyQuery(partyId, knownAt, validAt));
    if (knownAt === undefined && validAt === undefined) {
      res.setHeader('ETag', etagOf(party.revision));
      return partyAnswer(party);
    }
    return partyAnswer(party, { ...(query.knownAt !== undefined ? { knownAt: query.knownAt } : {}), ...(validAt !== undefined ? { validAt } : {}) });
  }

  // The deal index answers for any id a deal names: taken from the registry, or named in the
  // deal's words before the party was registered. So this lists deals without asking the party stream.
  @ReadFromReadModels()
  @ReadRoute(':partyId/deals', 'The deals whose parties carry this party id, a page at a time', DealPageAnswer)
  async deals(@Param('partyId') partyId: string, @Query() query: PageRequest): Promise<DealPageAnswer> {
    assertValidId(partyId, 'partyId');
    const page = await this.queryBus.execute(
      new ListDealsQuery({ party: partyId, ...(query.after ? { after: query.after } : {}), limit: query.limit ?? 50 }),
    );
    return dealPageAnswer(page);
  }
}
