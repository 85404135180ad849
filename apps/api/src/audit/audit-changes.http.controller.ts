import { Controller, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { FindAuditChangesQuery } from '#application';
import { fromCursor } from '#contract';
import { parseInstant } from '../http/record-moment.js';
import { AuditChangesRequest } from './audit.request.js';
import { AuditChangePageAnswer, auditChangePageAnswer } from './figure-history.answer.js';
import { ReadRoute } from '../http/openapi/read-route.js';
import { ReadFromReadModels } from '../http/stale/read-from-read-models.js';

/**
 * Questions across deals: corrections recorded in a period, qualifiers that changed,
 * entries recorded long after the fact, everything one actor recorded.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditChangesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @ReadFromReadModels()
  @ReadRoute('changes', 'Figure entries across deals, filtered by kind, actor, period, qualifier change or lateness', AuditChangePageAnswer)
  async changes(@Query() query: AuditChangesRequest): Promise<AuditChangePageAnswer> {
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
    return auditChangePageAnswer(page);
  }
}

/** Stored times are ISO strings in UTC with milliseconds; compare like with like. */
const isoOf = (instant: string): string => new Date(Date.parse(instant)).toISOString();
