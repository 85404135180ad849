import { Counter, type Registry } from 'prom-client';
import type { NextFunction, Request, Response } from 'express';
import { routeOf } from '../observability/route-of.js';

/** Where the exception filter leaves the stable code of the error it answered with. */
export const ERROR_CODE_LOCAL = 'ledgerErrorCode';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every command (any write route) once answered: `ok`, or the stable error code it was
 * refused with (`DEAL.NOT_FOUND`, `CONCURRENCY.STALE_REVISION`, `AUTH.UNAUTHENTICATED`…), by its
 * route pattern. Both label sets are bounded: the route table and the error vocabulary.
 */
export function registerCommandOutcomes(registry: Registry) {
  const outcomes = new Counter({
    name: 'ledger_command_outcomes_total',
    help: "Commands answered, by route pattern and outcome: 'ok' or the error code",
    labelNames: ['route', 'code'],
    registers: [registry],
  });
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!READS.has(request.method)) {
      response.once('finish', () => {
        const route = routeOf(request);
        const code = response.statusCode < 400 ? 'ok' : (response.locals[ERROR_CODE_LOCAL] as string | undefined) ?? `HTTP.${response.statusCode}`;
        outcomes.inc({ route: route === undefined ? 'unmatched' : `${request.method} ${route}`, code });
      });
    }
    next();
  };
}
