import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { httpSpanOf } from './http-tracing.js';
import { routeOf } from './route-of.js';
import { traceFieldsOf } from './trace-fields.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's request id is kept when it is a plain token; anything else could forge log lines or be someone's secret. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes and scrapes every few seconds: at `debug`, so the log at `info` holds what people and services did. */
const PROBES = /^\/(health|metrics)(\/|$)/;

/**
 * One JSON line per request once it is answered: its id (the caller's `X-Request-Id`, else
 * a new one, echoed in the answer), who called (the authenticated actor, once known), the
 * route pattern, the status and how long it took. No header, body or query is written, so
 * no credential can be; the logger redacts what a message might carry (ledger-logger.ts).
 */
export function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const given = request.headers['x-request-id'];
      const id = typeof given === 'string' && CALLER_REQUEST_ID.test(given) ? given : randomUUID();
      response.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    customLogLevel: (request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : PROBES.test(request.url ?? '') && response.statusCode < 400 ? 'debug' : 'info',
    customSuccessMessage: () => 'request answered',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (request, response, fields: { responseTime: number }) => lineOf(request, response, fields.responseTime),
    customErrorObject: (request, response, error, fields: { responseTime: number }) => ({
      ...lineOf(request, response, fields.responseTime),
      // A 5xx the exception filter answered has its own error line; an aborted request has this one.
      ...(response.statusCode >= 500 && !response.writableFinished ? { err: error } : {}),
    }),
  });
}

function lineOf(request: IncomingMessage, response: ServerResponse, durationMs: number) {
  const actor = (request as AuthenticatedRequest).principal?.actor;
  const route = routeOf(request);
  return {
    method: request.method,
    ...(route === undefined ? {} : { route }),
    status: response.statusCode,
    durationMs,
    ...(actor === undefined ? {} : { actor }),
    // Only if the client went away before its answer was complete.
    ...(response.writableFinished ? {} : { aborted: true }),
    // Only when traced: the line joins its trace.
    ...traceFieldsOf(httpSpanOf(request)),
  };
}
