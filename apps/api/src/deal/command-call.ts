import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import type { CommandTarget } from '#contract';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { dryRunOf } from './command-query.request.js';

/** What a command route hands the gateway besides its body: the target its path names, the exchange. */
export interface CommandCall {
  target: CommandTarget;
  request: AuthenticatedRequest;
  /** The answer's headers are set on it; Nest still sends the returned body (as `passthrough`). */
  response: Response;
  /** `?dryRun=true`: decide and answer what would be written, record nothing. */
  dryRun: boolean;
}

/** The command call of a route; its path names `:dealId` (and `:figureId` for a figure's change), but RegisterDeal's. */
export const Call = createParamDecorator((_data: unknown, context: ExecutionContext): CommandCall => {
  const http = context.switchToHttp();
  const request = http.getRequest<AuthenticatedRequest>();
  const { dealId, figureId } = request.params as { dealId?: string; figureId?: string };
  return {
    target: { dealId: dealId ?? '', ...(figureId !== undefined ? { figureId } : {}) },
    request,
    response: http.getResponse<Response>(),
    dryRun: dryRunOf(request),
  };
});
