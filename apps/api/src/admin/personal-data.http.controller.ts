import { Body, Controller, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, erasePersonalData, erasedWording, searchNames, type LegalHoldsInForce, type PersonalDataVault } from '#application';
import type { EventStore } from '#event-store';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { ReadRoute } from '../http/openapi/read-route.js';
import { ErasureAnswer, PersonalDataSubjectsAnswer, personalDataSubjectAnswer } from './personal-data.answer.js';
import { ErasePersonalDataRequest, FindPersonalDataRequest } from './personal-data.request.js';
import { LEGAL_HOLDS, PERSONAL_DATA_VAULT } from './records.tokens.js';

/**
 * Names of people are held apart from the log (the personal-data vault); events carry a
 * commitment to each. An admin finds a person's subject by name and erases it: the name and
 * its salt are destroyed, every reader sees "erased on … under …", and every proof still holds.
 */
@ApiTags('admin')
@Controller('admin/personal-data')
export class PersonalDataHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(LEGAL_HOLDS) private readonly holds: LegalHoldsInForce,
  ) {}

  @ReadRoute(undefined, 'The subjects whose name contains `name` (erased ones are gone): their commitment and where they are named', PersonalDataSubjectsAnswer)
  find(@Query() query: FindPersonalDataRequest): PersonalDataSubjectsAnswer {
    return { items: searchNames(this.vault, query.name).map(personalDataSubjectAnswer) };
  }

  @Post('erasures')
  @ApiOperation({ summary: 'Erase a subject: its name and salt are destroyed, the erasure recorded in the records-personal-data stream, which subscribers of the records category receive' })
  @ApiResponse({ status: 404, description: 'PERSONAL_DATA.SUBJECT_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'PERSONAL_DATA.ALREADY_ERASED, or RECORDS.UNDER_LEGAL_HOLD naming the hold' })
  @ApiCreatedResponse({ type: ErasureAnswer })
  async erase(@Body() body: ErasePersonalDataRequest, @Req() request: AuthenticatedRequest): Promise<ErasureAnswer> {
    const erasure = await erasePersonalData({ store: this.store, vault: this.vault, holds: this.holds }, body, principalOf(request).actor);
    return { ...erasure, wording: erasedWording(erasure) };
  }
}
