import { applyDecorators, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { CommandAnswer } from './command.answer.js';
import { DryRunDocs } from '../http/dry-run.js';
import { DryRunAnswer } from './dry-run.answer.js';

/** The answers every command route documents. */
const CommandResponses = (options: { ifMatch: boolean }): MethodDecorator =>
  applyDecorators(
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first result' }),
    ...(options.ifMatch
      ? [ApiHeader({ name: 'If-Match', required: false, description: 'The deal revision ("7") the change is based on' })]
      : []),
    DryRunDocs(DryRunAnswer, 'deal'),
    ApiCreatedResponse({ type: CommandAnswer, description: 'Recorded; ETag is the new deal revision' }),
    ApiResponse({ status: 400, description: 'Invalid input: code and field say what' }),
    ApiResponse({ status: 401, description: 'No valid API key or token' }),
    ApiResponse({ status: 403, description: 'The caller has no writer role' }),
    ApiResponse({ status: 429, description: 'Over the identity\'s rate limit: see Retry-After' }),
    ApiResponse({ status: 404, description: 'Unknown deal or figure' }),
    ApiResponse({ status: 409, description: 'A rule of the ledger refused it' }),
    ...(options.ifMatch ? [ApiResponse({ status: 412, description: 'The deal changed since If-Match' })] : []),
    ApiResponse({
      status: 503,
      description:
        'COMMAND.RECORDED_NOT_READABLE: recorded (details.recorded, details.commandId), but not readable yet: ' +
        'send it again with Idempotency-Key = details.commandId after Retry-After; nothing is recorded twice',
    }),
  );

/** A command route: POST to `path`, its summary, and the answers every command route documents. */
export const CommandRoute = (path: string, summary: string, options: { ifMatch: boolean }): MethodDecorator =>
  applyDecorators(Post(path), ApiOperation({ summary }), CommandResponses(options));
