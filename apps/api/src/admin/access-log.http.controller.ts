import { Controller, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AccessLog } from '#application';
import { isIsoTimestamp } from '#domain';
import { RequestValidationError } from '#contract';
import { AccessLogPageAnswer, accessLogPageAnswer } from './access.answer.js';
import { AccessLogRequest } from './access.request.js';
import { ReadRoute } from '../http/openapi/read-route.js';

/** The access log of audit reads (history, as-of, diff, audit queries, exports), for admins. */
@ApiTags('admin')
@Controller('admin/access-log')
export class AccessLogHttpController {
  constructor(@Inject(AccessLog) private readonly log: AccessLog) {}

  @ReadRoute(undefined, 'Who read what and when, newest first; filters: actor, dealId, kind, from, to', AccessLogPageAnswer)
  async query(@Query() query: AccessLogRequest): Promise<AccessLogPageAnswer> {
    const page = await this.log.query({
      ...(query.actor !== undefined ? { actor: query.actor } : {}),
      ...(query.dealId !== undefined ? { dealId: query.dealId } : {}),
      ...(query.kind !== undefined ? { kind: query.kind } : {}),
      ...(query.from !== undefined ? { from: instant(query.from, 'from') } : {}),
      ...(query.to !== undefined ? { to: instant(query.to, 'to') } : {}),
      ...(query.order !== undefined ? { order: query.order } : {}),
      ...(query.after !== undefined ? { after: query.after } : {}),
      limit: query.limit ?? 100,
    });
    return accessLogPageAnswer(page);
  }
}

/** Normalized to the log's own form (`…T…Z` with milliseconds), so that bounds compare as text. */
function instant(value: string, field: string): string {
  if (!isIsoTimestamp(value)) throw new RequestValidationError([{ field, message: `${field} must be an ISO-8601 instant` }]);
  return new Date(value).toISOString();
}
