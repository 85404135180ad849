import { Body, Controller, Delete, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { LegalHoldBook } from '#application';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { ReadRoute } from '../http/openapi/read-route.js';
import { HoldAnswer, holdAnswer, HoldListAnswer } from './legal-holds.answer.js';
import { ListHoldsRequest, PlaceHoldRequest, placeLegalHoldOf, ReleaseHoldRequest } from './legal-holds.request.js';

/**
 * Legal holds: while one is in force, nothing it covers is disposed of or erased (those
 * refuse with 409 RECORDS.UNDER_LEGAL_HOLD naming it). Placing and releasing are recorded
 * in the `admin-holds` stream under the caller's actor.
 */
@ApiTags('admin')
@Controller('admin/holds')
export class LegalHoldsHttpController {
  constructor(@Inject(LegalHoldBook) private readonly holds: LegalHoldBook) {}

  @ReadRoute(undefined, 'The legal holds in force (all=true: with the released ones, who released each, when and why)', HoldListAnswer)
  async list(@Query() query: ListHoldsRequest): Promise<HoldListAnswer> {
    const { inForce, released } = await this.holds.ledger();
    return { items: [...inForce, ...(query.all === 'true' ? released : [])].map(holdAnswer) };
  }

  @Post()
  @ApiOperation({ summary: 'Place a legal hold on a deal, a party or a recorded time range, with a reason and a reference' })
  @ApiCreatedResponse({ type: HoldAnswer })
  @ApiResponse({ status: 400, description: 'A missing or blank field, an id that is no identifier, a date-time without its zone (TIME.INVALID_TIMESTAMP), or from not before to (HOLD.EMPTY_RANGE): the answer names the field' })
  @ApiResponse({ status: 404, description: 'DEAL.NOT_FOUND or PARTY.NOT_FOUND: the deal or party is not on record' })
  async place(@Body() body: PlaceHoldRequest, @Req() request: AuthenticatedRequest): Promise<HoldAnswer> {
    return holdAnswer(await this.holds.place(placeLegalHoldOf(body), principalOf(request).actor));
  }

  // The reason travels in the body, as a key revocation's does: it is free text about a legal
  // matter, which a query string would put in URLs, proxies' logs and browser history.
  @Delete(':holdId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a hold in force, with the reason (in the body)' })
  @ApiOkResponse({ type: HoldAnswer, description: 'The hold as released' })
  @ApiResponse({ status: 404, description: 'HOLD.NOT_FOUND: no hold with this id was ever placed' })
  @ApiResponse({ status: 409, description: 'HOLD.ALREADY_RELEASED: the hold is no longer in force (details: releasedAt, releasedBy)' })
  async release(@Param('holdId') holdId: string, @Body() body: ReleaseHoldRequest, @Req() request: AuthenticatedRequest): Promise<HoldAnswer> {
    return holdAnswer(await this.holds.release(holdId, body.reason, principalOf(request).actor));
  }
}
