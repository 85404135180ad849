import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import { ledgerTracer } from '#event-store';
import { ERROR_CODE_LOCAL } from '../metrics/command-outcomes.js';
import { routeOf } from './route-of.js';

/** Each traced request's server span, for its log line. */
const spans = new WeakMap<IncomingMessage, Span>();

/**
 * A server span per request (tracing on only), child of the caller's W3C `traceparent` when it
 * sends one: named `METHOD /route/:pattern` once routed, with the method, the route, the
 * status, the request id of the log line and the stable error code. Mounted after the request
 * log, which gives the request its id; ended when the answer is sent (or the client left).
 */
export function startHttpSpan(request: Request, response: Response, next: NextFunction): void {
  const tracer = ledgerTracer();
  if (tracer === undefined) return next();
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  const requestId = (request as { id?: unknown }).id;
  const span = tracer.startSpan(
    request.method,
    {
      kind: SpanKind.SERVER,
      attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, ...(typeof requestId === 'string' && { 'ledger.request.id': requestId }) },
    },
    parent,
  );
  spans.set(request, span);
  response.once('close', () => endHttpSpan(span, request, response));
  // Everything the request runs (guards, the command, the append) is inside its span. The body
  // parser keeps this context across the socket's events (raw-body binds them to it).
  context.with(trace.setSpan(parent, span), next);
}

/** The request's server span, for its log line (written outside the request's context). */
export function httpSpanOf(request: IncomingMessage): Span | undefined {
  return spans.get(request);
}

function endHttpSpan(span: Span, request: Request, response: Response): void {
  const route = routeOf(request);
  if (route !== undefined) span.updateName(`${request.method} ${route}`).setAttribute(ATTR_HTTP_ROUTE, route);
  span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.statusCode);
  const code = response.locals[ERROR_CODE_LOCAL] as string | undefined;
  if (code !== undefined) span.setAttribute('ledger.error.code', code);
  // The server's failures only: a 4xx is the caller's, and an answer (OTel's HTTP conventions).
  if (response.statusCode >= 500) span.setAttribute('error.type', String(response.statusCode)).setStatus({ code: SpanStatusCode.ERROR });
  else if (!response.writableFinished) span.setAttribute('error.type', 'aborted').setStatus({ code: SpanStatusCode.ERROR, message: 'the client left before its answer was sent' });
  span.end();
}
