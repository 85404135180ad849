import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { AccessLog } from '#application';
import { describeError } from '#contract';
import { auditReadEntryOf } from './audit-read-entry.js';
import type { AuthenticatedRequest } from './principal.js';
import { auditReadKindOf, routeAccessOf } from './route-access.js';

/**
 * Logs every read of an audit endpoint (the route table's `logAs`, and as-of reads)
 * before its answer leaves: who, what, when, and how it ended. A read that cannot be
 * logged is not answered (the store's error, a 503, goes out instead): compliance needs
 * no unlogged audit read more than it needs the read.
 */
@Injectable()
export class AuditReadLogInterceptor implements NestInterceptor {
  constructor(@Inject(AccessLog) private readonly log: AccessLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const route = routeAccessOf(request.method, (request.route as { path: string }).path);
    const kind = route && auditReadKindOf(route, request.query as Record<string, unknown>);
    const principal = request.principal;
    if (!kind || !principal) return next.handle();
    const record = (status: number) => this.log.record(auditReadEntryOf(request, principal, kind, status));
    return next.handle().pipe(
      mergeMap((answer) => from(record(context.switchToHttp().getResponse<{ statusCode: number }>().statusCode).then(() => answer))),
      catchError((error: unknown) => from(record(describeError(error).statusCode).then(() => Promise.reject(error)))),
    );
  }
}
