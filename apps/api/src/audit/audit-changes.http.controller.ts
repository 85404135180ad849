import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FindAuditChangesQuery } from '#application';
import { fromCursor, toCursor } from '#contract';
import { parseInstant } from '../http/record-point.js';
import { AuditChangesRequest } from './audit.request.js';

/**
 * Questions across deals: corrections recorded in a period, qualifiers that changed,
 * entries recorded long after the fact, everything one actor recorded.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditChangesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('changes')
  @ApiOperation({ summary: 'Figure entries across deals, filtered by kind, actor, period, qualifier change or lateness' })
  async changes(@Query() query: AuditChangesRequest) {
    const page = await this.queryBus.execute(
      new FindAuditChangesQuery({
        ...(query.dealId ? { dealId: query.dealId } : {}),
        ...(query.kind ? { changes: [query.kind] } : {}),
        ...(query.actor ? { actor: query.actor } : {}),
        ...(query.recordedFrom ? { recordedFrom: isoOf(parseInstant(query.recordedFrom, 'recordedFrom')) } : {}),
        ...(query.recordedTo ? { recordedTo: isoOf(parseInstant(query.recordedTo, 'recordedTo')) } : {}),
        ...(query.qualifierChanged ? { qualifierChanged: true } : {}),
        ...(query.recordedLaterThanDays !== undefined ? { recordedLaterThanDays: query.recordedLaterThanDays } : {}),
        ...(query.after ? { afterPosition: fromCursor(query.after, 'after') } : {}),
        limit: query.limit ?? 100,
      }),
    );
    return {
      items: page.items.map((e) => ({ ...e, position: toCursor(e.position) })),
      ...(page.next !== undefined ? { next: toCursor(page.next) } : {}),
    };
  }
}

/** Stored times are ISO strings in UTC with milliseconds; compare like with like. */
const isoOf = (instant: string): string => new Date(Date.parse(instant)).toISOString();
