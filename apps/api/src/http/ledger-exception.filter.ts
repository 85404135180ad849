import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { describeError, type ErrorBody } from '#contract';
import { ERROR_CODE_LOCAL } from '../metrics/command-outcomes.js';

/** The one place that turns errors into HTTP answers with stable codes. Nothing leaks a stack. */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = describeError(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    // For the command-outcome metric, counted once the answer is sent.
    response.locals[ERROR_CODE_LOCAL] = body.code;
    if (body.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="deal-ledger"');
    const retryAfter = retryAfterOf(body);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }
}

/** Whatever made the ledger unavailable passes (a restart, a freed disk): a 503 says when to try again. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/** Seconds to wait before trying again: a rate limit says how long; any 503 says it too. */
function retryAfterOf(body: ErrorBody): number | undefined {
  const given = body.details?.retryAfterSeconds;
  if (body.statusCode === 429) return typeof given === 'number' ? given : undefined;
  if (body.statusCode === 503) return typeof given === 'number' ? given : UNAVAILABLE_RETRY_AFTER_SECONDS;
  return undefined;
}
