import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, map, mergeMap, type Observable } from 'rxjs';
import { ReadModelFreshness } from './read-model-freshness.js';
import { STALE_HEADER, staleHeaderValue } from './stale-answer.js';

/** The route's query parameters that fix its answer to a moment of the record (see ReadFromReadModels). */
export const FIXED_BY = Symbol('stale-reads:fixed-by');

/**
 * Marks an answer read from read models that are behind the log: the header on every answer
 * (a 404 may be only a deal they have not shown yet), `stale` in a 2xx body. A fresh answer
 * carries neither. An answer fixed at a moment of the record waits for the read models to
 * reach it instead (or is refused 503): it is marked only for deals held back behind a
 * quarantined event.
 */
@Injectable()
export class StaleReadsInterceptor implements NestInterceptor {
  constructor(
    private readonly freshness: ReadModelFreshness,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const fixedBy = this.reflector.get<readonly string[] | undefined>(FIXED_BY, context.getHandler()) ?? [];
    const fixed = fixedBy.some((name) => (request.query as Record<string, unknown>)[name] !== undefined);
    const dealId = typeof request.params['dealId'] === 'string' ? request.params['dealId'] : undefined;
    const freshness = fixed ? Promise.resolve(this.freshness.heldBackOnly(dealId)) : this.freshness.beforeReading(dealId);
    return from(freshness).pipe(
      mergeMap((stale) => {
        if (stale === undefined) return next.handle();
        http.getResponse<Response>().setHeader(STALE_HEADER, staleHeaderValue(stale));
        return next.handle().pipe(map((body: unknown) => (isObject(body) ? { ...body, stale } : body)));
      }),
    );
  }
}

const isObject = (body: unknown): body is Record<string, unknown> => typeof body === 'object' && body !== null && !Array.isArray(body);
